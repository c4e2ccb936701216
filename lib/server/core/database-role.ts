import "server-only";
import { type Db, db } from "./db";

/**
 * What the app's own database role could do beyond reading and writing rows
 * (docs/security.md S11). Empty when it is held to rows, as kapstone_app is; otherwise the
 * triggers that keep records fixed and the audit trail append-only could be set aside
 * through the app. instrumentation.ts logs these loudly at start-up.
 */
export async function databaseRoleWarnings(client: Pick<Db, "$queryRaw"> = db()): Promise<string[]> {
  const [role] = await client.$queryRaw<{ name: string; superuser: boolean; owned: number }[]>`
    SELECT current_user::text AS name, r.rolsuper AS superuser,
           (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p')
               AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owned
      FROM pg_roles r WHERE r.rolname = current_user`;
  if (!role) return [];
  const warnings: string[] = [];
  if (role.superuser) {
    warnings.push(`The app connects to PostgreSQL as the superuser "${role.name}".`);
  } else if (role.owned > 0) {
    warnings.push(`The app's database role "${role.name}" owns ${role.owned} of Kapstone's tables.`);
  }
  if (warnings.length) {
    warnings.push(
      "It could disable the triggers that keep records fixed and the audit trail append-only. " +
        "Run migrations as the owner role (MIGRATION_DATABASE_URL) and the app as kapstone_app (README).",
    );
  }
  return warnings.length ? [warnings.join(" ")] : [];
}
