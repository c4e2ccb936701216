import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { searchListAction } from "@/lib/actions/list-search";
import type { SearchList } from "@/lib/validation/search";

/**
 * The search box of a staff list. It posts (the text never enters the URL) and
 * keeps one non-identifying filter (stage, role) beside it.
 */
export function ListSearch({
  list,
  q,
  filter,
}: {
  list: SearchList;
  q: string | undefined;
  filter: {
    label: string;
    anyLabel: string;
    value: string | undefined;
    options: readonly { value: string; label: string }[];
  };
}) {
  return (
    <form
      action={searchListAction}
      className="mb-4 flex flex-wrap items-end gap-3"
      aria-label="Search and filter"
    >
      <input type="hidden" name="list" value={list} />
      <div>
        <label htmlFor="q" className="block text-sm font-medium">
          Search
        </label>
        <Input
          id="q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={q}
          placeholder="Name or e-mail"
          className="w-64"
        />
      </div>
      <div>
        <label htmlFor="filter" className="block text-sm font-medium">
          {filter.label}
        </label>
        <Select id="filter" name="filter" defaultValue={filter.value ?? ""} className="w-56">
          <option value="">{filter.anyLabel}</option>
          {filter.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {q || filter.value ? (
        <Button type="submit" name="clear" value="1" variant="ghost">
          Clear
        </Button>
      ) : null}
    </form>
  );
}
