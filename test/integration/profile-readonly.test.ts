import { describe, expect, it } from "vitest";
import { loggedInAs } from "./browser.ts";

describe("the company profile for someone who may read it but not change it (issue #8 defect)", () => {
  it("a Portal User sees the three blocks without Update buttons or forms that would answer 403", async () => {
    const portal = await loggedInAs("B2B");
    const page = await portal.get("/en/profile");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Contact information for the customer area");
    expect(page.text).not.toContain(">Update</button>");
    expect(page.text).not.toMatch(/action="\/en\/profile\/(contact|offers|zoomit)"/);
    expect(page.text).toContain("Only an Access Owner of the account can change this.");
    expect(page.text).toContain("<fieldset disabled");
  });

  it("the Access Owner keeps the forms", async () => {
    const owner = await loggedInAs("DATATEAM");
    const page = await owner.get("/en/profile");
    expect(page.text).toContain(">Update</button>");
    expect(page.text).toContain('action="/en/profile/contact"');
    expect(page.text).not.toContain("Only an Access Owner of the account can change this.");
  });
});
