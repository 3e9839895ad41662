/**
 * The avatar spec: JSON with one choice per component (`{version, style, components}`), its defaults, validation
 * with one-line errors that name the component, and the mapping from attribute estimates to components.
 */
import { readFileSync } from "node:fs";
import { InputError } from "../util/errors.js";
import { ATTRIBUTES, type AttributeEstimate } from "./attributes.js";
import { components } from "./catalogue.js";

/** An avatar: one value per component id (see `components()`). */
export interface AvatarSpec {
  version: 1;
  style: "lorelei";
  components: Record<string, string>;
}

/** The neutral avatar that attribute estimates refine. */
export function defaultSpec(): AvatarSpec {
  return {
    version: 1,
    style: "lorelei",
    components: {
      skinColor: "#e8b48f",
      head: "variant04",
      hair: "variant12",
      hairColor: "#724133",
      eyes: "variant24",
      eyesColor: "#6b4226",
      eyebrows: "variant05",
      nose: "variant01",
      mouth: "happy01",
      glasses: "none",
      glassesColor: "#000000",
      beard: "none",
      moustache: "none",
      earrings: "none",
      freckles: "none",
      hairAccessories: "none",
      backgroundColor: "#ffffff",
    },
  };
}

const HEX = /^#[0-9a-f]{6}$/;

/** Validates a parsed spec (missing components take defaults); throws an InputError naming the bad component. */
export function validateSpec(value: unknown, where = "spec"): AvatarSpec {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError("avatar spec must be a JSON object", where);
  const v = value as Record<string, unknown>;
  if (v.version !== undefined && v.version !== 1)
    throw new InputError(`unsupported spec version ${String(v.version)}`, where);
  if (v.style !== undefined && v.style !== "lorelei")
    throw new InputError(`unsupported style '${String(v.style)}' (this version draws 'lorelei')`, where);
  const comps = v.components ?? {};
  if (typeof comps !== "object" || comps === null || Array.isArray(comps))
    throw new InputError("'components' must be an object", where);
  const defs = components();
  const out = defaultSpec();
  for (const [key, raw] of Object.entries(comps as Record<string, unknown>)) {
    const def = defs.find((d) => d.id === key);
    if (!def)
      throw new InputError(`unknown component '${key}'; known: ${defs.map((d) => d.id).join(", ")}`, where);
    if (typeof raw !== "string") throw new InputError(`component '${key}' must be a string`, where);
    const val = raw.trim().toLowerCase();
    if (def.kind === "colour") {
      if (!HEX.test(val))
        throw new InputError(`component '${key}': expected a colour #rrggbb, got '${raw}'`, where);
      out.components[key] = val;
    } else {
      const opt = def.options.find((o) => o.toLowerCase() === val);
      if (!opt)
        throw new InputError(
          `component '${key}': '${raw}' is not one of ${def.options.slice(0, 12).join(", ")}${def.options.length > 12 ? ", ..." : ""}`,
          where,
        );
      out.components[key] = opt;
    }
  }
  return out;
}

/** Reads and validates a spec file. */
export function readSpec(path: string): AvatarSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError("cannot read the spec file", path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message.split("\n")[0]})`, path);
  }
  return validateSpec(parsed, path);
}

/** Builds the spec from attribute estimates: each attribute's chosen class sets its components. */
export function specFromAttributes(attrs: Record<string, AttributeEstimate | undefined>): AvatarSpec {
  const spec = defaultSpec();
  for (const def of ATTRIBUTES) {
    const est = attrs[def.id];
    if (!est) continue;
    const cls = def.classes.find((c) => c.id === est.value);
    if (cls) Object.assign(spec.components, cls.components);
  }
  return spec;
}
