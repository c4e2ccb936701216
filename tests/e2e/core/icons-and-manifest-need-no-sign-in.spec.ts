import { expect, test } from "../fixtures";

test("the icons and web manifest reach a browser that has not signed in", async ({ request }) => {
  const page = await request.get("/signin");
  const html = await page.text();
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/manifest.webmanifest"]) {
    expect(html).toContain(`href="${path}"`);
  }
  const manifest = await request.get("/manifest.webmanifest", { maxRedirects: 0 });
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; start_url: string; icons: { src: string }[] };
  expect(body).toMatchObject({ name: "Kapstone", start_url: "/", display: "standalone" });
  for (const path of [
    "/favicon.ico",
    "/icon.svg",
    "/apple-touch-icon.png",
    ...body.icons.map((i) => i.src),
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(/^image\//);
  }
});
