// pact_validate.ts: checks PACT documents against the PACT conformance tool's own schemas (its
// OpenApiSchemaExtractor over src/schemas/openapi_v2_3.yaml / openapi_v3_0.yaml, and Ajv as it
// configures it). Run inside the tool's installed copy:
//   npx ts-node pact_validate.ts V3.0 ProductFootprint doc.json [...]
// Prints one line per file, exits 1 when any is invalid.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as fs from "fs";
import { getSchema } from "./src/schemas";

async function main() {
  const [version, kind, ...files] = process.argv.slice(2);
  const s: any = await getSchema(version);
  const schema = kind === "ProductFootprint" ? s.productFootprint
    : kind === "Fulfilled" ? s.events.fulfilled : kind === "Rejected" ? s.events.rejected : undefined;
  if (!schema) throw new Error(`unknown kind ${kind}`);
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  let bad = 0;
  for (const f of files) {
    const doc = JSON.parse(fs.readFileSync(f, "utf8"));
    if (validate(doc)) console.log(`valid ${version} ${kind}: ${f}`);
    else { bad++; console.log(`INVALID ${version} ${kind}: ${f}: ${JSON.stringify(validate.errors)}`); }
  }
  process.exit(bad ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(2); });
