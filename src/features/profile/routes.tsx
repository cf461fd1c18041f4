import { Hono, type Context } from "hono";
import { publicUrl } from "../../lib/public-links.ts";
import type { AppEnv } from "../../lib/env.ts";
import { redirectAfterPost, renderPage, renderPartial } from "../../lib/render.tsx";
import { formValues, validForm, type InvalidForm } from "../../lib/validation.ts";
import { declare, profiles } from "../../lib/routes.ts";
import { fill } from "../../lib/i18n.ts";
import { ContactBlock, OffersBlock, ProfilePage, ZoomitBlock, type BlockState, type ProfileBlock } from "../../../views/profile/ProfilePage.tsx";
import { requestEinvoiceEmail } from "../einvoice/service.ts";
import { choosePeppol } from "../einvoice/peppol-service.ts";
import { peppolSenderFor } from "../einvoice/peppol-sender.ts";
import { contactSchema, offersSchema, zoomitSchema } from "./schemas.ts";
import { getProfile, updateProfile, type Profile } from "./service.ts";

export const profileRoutes = new Hono<AppEnv>();

// The account's contact data: the owner changes it; a portal user may read it (002 §8).
declare({
  "GET /profile": profiles("owner", "portal"),
  "POST /profile/contact": profiles("owner"),
  "POST /profile/offers": profiles("owner"),
  "POST /profile/zoomit": profiles("owner"),
  // The link in the confirmation e-mail: the token itself authorizes, on any device, signed in or not.
});

const blocks = { contact: ContactBlock, offers: OffersBlock, zoomit: ZoomitBlock };

/** htmx swaps the one block; without JavaScript the whole page comes back with that block's state. */
async function respond(c: Context<AppEnv>, block: ProfileBlock, profile: Profile, state: BlockState, status: 200 | 422 | 503) {
  if (c.req.header("HX-Request") === "true" && c.req.header("HX-Target")?.endsWith(`#profile-${block}`)) {
    const Block = blocks[block];
    return renderPartial(c, <Block profile={profile} state={state} />, status);
  }
  if (status === 200) return redirectAfterPost(c, `/${c.var.locale}/profile?${state.notice ?? "saved"}=${block}`);
  if (status === 503) c.header("Retry-After", "120");
  return renderPage(c, { title: c.var.t.profile.title, status }, <ProfilePage profile={profile} states={{ [block]: state }} />);
}

profileRoutes.get("/profile", async (c) => {
  const profile = await getProfile(c.var.db, c.var.session!);
  const states: Partial<Record<ProfileBlock, BlockState>> = {};
  for (const notice of ["saved", "unchanged", "confirmationSent", "peppolSaved"] as const) {
    const block = c.req.query(notice);
    if (block === "contact" || block === "offers" || block === "zoomit") states[block] = { notice };
  }
  return renderPage(c, { title: c.var.t.profile.title }, <ProfilePage profile={profile} states={states} />);
});

function invalid(block: ProfileBlock): InvalidForm {
  return async (c, values, errors) => respond(c, block, await getProfile(c.var.db, c.var.session!), { values, errors }, 422);
}

profileRoutes.post("/profile/contact", validForm(contactSchema, invalid("contact")), async (c) => {
  const input = c.req.valid("form");
  const result = await updateProfile(c.var.db, c.var.session!, "contact", { email: input.email, phone: input.phone });
  return respond(c, "contact", result.profile, { notice: result.changed ? "saved" : "unchanged" }, 200);
});

profileRoutes.post("/profile/offers", validForm(offersSchema, invalid("offers")), async (c) => {
  const input = c.req.valid("form");
  const result = await updateProfile(c.var.db, c.var.session!, "offers", { offerChannel: input.offerChannel });
  return respond(c, "offers", result.profile, { notice: result.changed ? "saved" : "unchanged" }, 200);
});

profileRoutes.post("/profile/zoomit", validForm(zoomitSchema, invalid("zoomit")), async (c) => {
  const input = c.req.valid("form");
  const session = c.var.session!;
  if (input.einvoiceChannel === "email") {
    const { t } = c.var;
    const result = await requestEinvoiceEmail(c.var.db, session, input.einvoiceEmail, {
      subject: t.profile.einvoiceMailSubject,
      body: (link) => fill(t.profile.einvoiceMailBody, { link, provider: c.env.PROVIDER_NAME }),
      linkFor: (token) => publicUrl(c, `/einvoice/confirm/${token}`),
    });
    if (result.status === "sent") c.var.deliverOutbox();
    return respond(c, "zoomit", result.profile, { notice: result.status === "sent" ? "confirmationSent" : "unchanged" }, 200);
  }
  if (input.einvoiceChannel === "peppol") {
    // Peppol takes effect once the identifier took a test message through the access point.
    const sender = peppolSenderFor(c.env, c.var.db);
    const profile = await getProfile(c.var.db, session);
    if (!sender) return respond(c, "zoomit", profile, { values: formValues(await c.req.parseBody()), errors: { peppolId: c.var.t.einvoice.networkUnavailable } }, 503);
    const result = await choosePeppol(c.var.db, session, sender, input.peppolId);
    if (result.status === "saved" || result.status === "unchanged") return respond(c, "zoomit", result.profile, { notice: result.status === "saved" ? "peppolSaved" : "unchanged" }, 200);
    const message = result.status === "recipient_unknown" ? fill(c.var.t.einvoice.recipientUnknown, { id: input.peppolId }) : c.var.t.einvoice.networkUnavailable;
    return respond(c, "zoomit", result.profile, { values: formValues(await c.req.parseBody()), errors: { peppolId: message } }, result.status === "recipient_unknown" ? 422 : 503);
  }
  // Paper or Zoomit takes effect at once and voids a confirmation still waiting.
  const result = await updateProfile(c.var.db, session, "zoomit", { einvoiceChannel: input.einvoiceChannel, zoomitIban: input.iban, einvoiceEmail: null, einvoiceEmailPending: null });
  return respond(c, "zoomit", result.profile, { notice: result.changed ? "saved" : "unchanged" }, 200);
});
