// pact_receiver.ts: the requester's side of PACT's asynchronous cases 13 and 14.B, for
// scripts/pact-conformance.sh. An HTTPS server at PACT_WEBHOOK_URL (the event source the
// conformance tool puts in its requests) with /auth/token (HTTP Basic test_client_id /
// test_client_secret, as the PACT conformance service takes) and /2/events, /3/events that
// check each callback: the bearer token it issued, the path of the version, the CloudEvent
// against the conformance tool's own schemas (src/schemas: RequestFulfilledEvent and
// RequestRejectedEvent for v3; for v2 the ProductFootprint schema of every pf and the event's
// fields), and that it answers the tool's request (requestEventId ending /12 for Fulfilled, with
// the requested product among its footprints' productIds, /14.A for Rejected).
// Run inside the tool's installed copy:
//   npx ts-node pact_receiver.ts CERT KEY RESULTS_FILE EXPECTED_PRODUCT_ID
// Prints "port N" once listening; appends one line per callback to RESULTS_FILE.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as https from "https";
import { randomBytes } from "crypto";
import { getSchema } from "./src/schemas";

const [cert, key, results, expected] = process.argv.slice(2);
const tokens = new Set<string>();
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);

function record(line: string) {
  fs.appendFileSync(results, line + "\n");
  console.log(line);
}

async function check(version: string, body: any): Promise<string[]> {
  const problems: string[] = [];
  const s: any = await getSchema(version);
  const v3 = version === "V3.0";
  const types = v3
    ? { f: "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3", r: "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3" }
    : { f: "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1", r: "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1" };
  const fulfilled = body?.type === types.f;
  if (!fulfilled && body?.type !== types.r) problems.push(`unexpected type ${body?.type}`);
  if (v3) {
    const validate = ajv.compile(fulfilled ? s.events.fulfilled : s.events.rejected);
    if (!validate(body)) problems.push(`schema: ${JSON.stringify(validate.errors)}`);
  } else {
    for (const k of ["specversion", "id", "source", "time"]) if (typeof body?.[k] !== "string") problems.push(`missing ${k}`);
    if (body?.specversion !== "1.0") problems.push("specversion is not 1.0");
    if (fulfilled) {
      const validate = ajv.compile(s.productFootprint);
      if (!Array.isArray(body?.data?.pfs) || body.data.pfs.length === 0) problems.push("data.pfs empty");
      for (const pf of body?.data?.pfs ?? []) if (!validate(pf)) problems.push(`pf schema: ${JSON.stringify(validate.errors)}`);
    } else if (!body?.data?.error?.code || !body?.data?.error?.message) problems.push("data.error needs code and message");
  }
  const rid: string = body?.data?.requestEventId ?? "";
  if (fulfilled && !rid.endsWith("/12")) problems.push(`requestEventId ${rid} is not the tool's case 12 request`);
  if (!fulfilled && !rid.endsWith("/14.A")) problems.push(`requestEventId ${rid} is not the tool's case 14.A request`);
  if (fulfilled) {
    const ids = (body?.data?.pfs ?? []).flatMap((pf: any) => pf.productIds ?? []);
    if (!ids.includes(expected)) problems.push(`no footprint of the requested product ${expected}: ${ids}`);
  }
  return problems;
}

const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
  let data = "";
  req.on("data", (c) => { data += c; if (data.length > 1 << 22) req.destroy(); });
  req.on("end", async () => {
    if (req.method === "POST" && req.url === "/auth/token") {
      const basic = Buffer.from("test_client_id:test_client_secret").toString("base64");
      if (req.headers.authorization !== `Basic ${basic}` || !data.includes("grant_type=client_credentials")) {
        res.writeHead(401, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ error: "invalid_client" }));
      }
      const t = randomBytes(24).toString("hex");
      tokens.add(t);
      res.writeHead(200, { "Content-Type": "application/json" });
      return res.end(JSON.stringify({ access_token: t, token_type: "Bearer", expires_in: 3600 }));
    }
    const version = req.url === "/2/events" ? "V2.3" : req.url === "/3/events" ? "V3.0" : "";
    if (req.method !== "POST" || !version) { res.writeHead(404); return res.end(); }
    const problems: string[] = [];
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ") || !tokens.has(auth.slice(7))) problems.push("no valid bearer token");
    if (!(req.headers["content-type"] ?? "").startsWith("application/cloudevents+json")) problems.push("content type");
    let body: any = null;
    try { body = JSON.parse(data); } catch { problems.push("body is not JSON"); }
    problems.push(...(await check(version, body)));
    const kase = body?.data?.pfs ? "Test Case 13 (Request Fulfilled callback)" : "Test Case 14.B (Request Rejected callback)";
    record(`${problems.length ? "FAIL" : "PASS"} ${version} ${kase}${problems.length ? ": " + problems.join("; ") : ""}`);
    res.writeHead(problems.length ? 400 : 200);
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as any).port}`));
