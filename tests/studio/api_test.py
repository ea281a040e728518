"""api_test.py: pcf studio's JSON API (pcf/studio/openapi.yaml) against the pcf command.

Usage: api_test.py PCF SOURCE_DIR. Every number the API gives must be the command's for the
same files (the API computes by writing the design's files and reading them with the product
reader), and the toy car's total the case's hand calculation (cases/toy-car/expected.json,
calc.py, independent of pcf)."""
import copy
import json
import os
import sys

import openapi_mini
from studio_session import Studio, set_cell

PCF, SRC = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


# -- a new product needs a folder that is there
run = __import__("subprocess").run([PCF, "studio", "/nonexistent-folder/product.ini"], capture_output=True, text=True,
                                   timeout=60)
check(run.returncode == 1 and "/nonexistent-folder: no such folder" in run.stderr,
      "pcf studio in a folder that is not there: exit 1, said (%s)" % run.stderr.strip())

spec = openapi_mini.load(os.path.join(SRC, "pcf", "studio", "openapi.yaml"))
if spec is None:
    print("note: no PyYAML, the answers are not checked against openapi.yaml")


def conforms(path, method, status, value, what, request=None):
    """The answer (and the request) as openapi.yaml describes them."""
    if spec is None:
        return
    errs = openapi_mini.validate(spec, openapi_mini.response_schema(spec, path, method, status), value)
    if request is not None:
        errs += openapi_mini.validate(spec, openapi_mini.request_schema(spec, path, method), request, "request")
    check(not errs, "openapi.yaml describes %s %s" % (what, "; ".join(errs[:3])))


s = Studio(PCF, os.path.join(SRC, "cases", "toy-car"))
try:
    ini = os.path.join(s.case, "product.ini")

    # -- the token and the loopback Host guard every request
    check(s.request("/", token=None)[0] == 403, "no token: 403")
    check(s.request("/api/design", token="0" * 32)[0] == 403, "a wrong token: 403")
    check(s.request("/api/design", headers={"Host": "evil.example:80"})[0] == 403, "another Host: 403")
    status, ctype, page = s.request("/")
    check(status == 200 and ctype.startswith("text/html") and s.token.encode() in page,
          "the page, naming its scripts with the token")
    status, _, served = s.request("/openapi.yaml")
    check(status == 200 and served.startswith(b"openapi: 3."), "the API's description is served")

    # -- load: the files as written
    d = s.api("design")
    conforms("/api/design", "get", 200, d, "the design")
    design = d["design"]
    with open(os.path.join(s.case, "bom.csv")) as f:
        header = f.readline().strip().split(",")
    check(design["bom"]["columns"] == header, "the BOM's columns as bom.csv writes them")
    check([x["name"] for x in design["ini"]["sections"]] ==
          ["product", "manufacturing", "packaging", "distribution", "end_of_life"], "the INI sections in file order")

    # -- footprint: the case's hand calculation and the command's JSON, number for number
    with open(os.path.join(SRC, "cases", "toy-car", "expected.json")) as f:
        expected = json.load(f)
    fp = s.api("footprint", {"design": design})
    conforms("/api/footprint", "post", 200, fp, "the footprint", {"design": design})
    check(abs(fp["total"] - expected["total"]) <= expected["tolerance"] * abs(expected["total"]),
          "toy car total %.6f = calc.py's %.6f" % (fp["total"], expected["total"]))
    check(fp == s.cli("footprint", ini, "--format", "json"), "footprint = pcf footprint --format json")

    # -- an edit (PP body), a variant, the save, and the command on the saved files
    edited = copy.deepcopy(design)
    set_cell(edited, "Body", "material", "PP")
    fp_pp = s.api("footprint", {"design": edited})
    check(fp_pp["total"] < fp["total"], "a PP body lowers the total (%.4f < %.4f)" % (fp_pp["total"], fp["total"]))
    edited["ini"]["sections"].append({"name": "variant recycled axles", "comments": [""], "entries": [
        {"key": "bom.Axle.recycled_content", "value": "50%", "note": "", "comments": []},
        {"key": "distribution.truck", "value": "300 km", "note": "", "comments": []}]})
    saved = s.api("save", {"design": edited})
    conforms("/api/save", "post", 200, saved, "the save")
    check(saved["product"] == ini, "save writes the session's product.ini")
    check(fp_pp == s.cli("footprint", ini, "--format", "json"), "after the save: pcf footprint = the page's footprint")
    with open(ini) as f:
        text = f.read()
    check("; injection moulding of 0.150 kg of plastic parts" in text, "the save keeps the file's comments")
    check(s.api("design")["design"] == edited, "load after save gives the design saved")
    cmp = s.api("compare", {"design": edited})
    check(cmp == s.cli("compare", ini, "--format", "json"), "compare = pcf compare --format json")
    names = [x["name"] for x in cmp["designs"]]
    check(names == ["base", "recycled axles"], "designs compared: base and the variant")
    steps = sum(c["step"]["total"] for c in cmp["designs"][1]["changes"])
    check(abs(steps - cmp["designs"][1]["change"]["total"]) < 1e-12, "the change steps sum to the variant's change")

    # -- P(variant beats base): the command's Monte Carlo (same seed, same draws)
    cmp_p = s.api("compare", {"design": edited, "draws": 200})
    conforms("/api/compare", "post", 200, cmp_p, "the comparison", {"design": edited, "draws": 200})
    cli_p = s.cli("compare", ini, "--format", "json", "--uncertainty", "200", "--pedigree")
    check(cmp_p == cli_p, "compare with draws = pcf compare --uncertainty 200 --pedigree")
    p = [x["p_below_base"] for x in cmp_p["uncertainty"]["designs"] if x["design"] == "recycled axles"][0]
    check(0 <= p <= 1, "P(recycled axles < base) = %.3f" % p)

    # -- materials search: pcf materials TERM
    mats = s.api("materials", query={"q": "ABS"})
    conforms("/api/materials", "get", 200, mats, "the materials")
    check(mats == s.cli("materials", "ABS", "--format", "json"), "materials ABS = pcf materials ABS --format json")

    # -- errors name the file and line; other data are refused
    bad = copy.deepcopy(edited)
    set_cell(bad, "Wheel", "material", "unobtainium")
    status, _, body = s.request("/api/footprint", {"design": bad})
    msg = json.loads(body).get("error", "")
    conforms("/api/footprint", "post", 422, json.loads(body), "an error")
    check(status == 422 and "bom.csv:4" in msg and "unobtainium" in msg and "/tmp" not in msg,
          "an unknown material: 422 naming bom.csv:4 (%s)" % msg[:80])
    status, _, _ = s.request("/api/save", {"design": bad})
    check(status == 422, "a design the reader refuses is not saved")
    check(fp_pp == s.cli("footprint", ini, "--format", "json"), "the refused save left the files alone")
    other = copy.deepcopy(edited)
    other["ini"]["sections"][0]["entries"].append({"key": "method", "value": "AR5", "note": "", "comments": []})
    other["ini"]["sections"][0]["entries"] = [e for e in other["ini"]["sections"][0]["entries"]
                                              if e["key"] != "method" or e["value"] == "AR5"]
    check(s.request("/api/footprint", {"design": other})[0] == 409, "a design asking for other data: 409")
    check(s.request("/api/footprint", {"nothing": 1})[0] == 400, "a body without a design: 400")
    check(s.request("/api/nothing")[0] == 404, "an unknown API: 404")

    # -- text the files must quote or cannot hold
    quoted = copy.deepcopy(edited)
    set_cell(quoted, "Wheel", "name", 'Wheel, "front"')
    check(s.request("/api/save", {"design": quoted})[0] == 200, "a name with a comma and quotes is saved")
    with open(os.path.join(s.case, "bom.csv")) as f:
        check('"Wheel, ""front"""' in f.read(), "bom.csv quotes it (RFC 4180)")
    check(s.api("design")["design"] == quoted, "and reads it back as written")
    multi = copy.deepcopy(edited)
    multi["ini"]["sections"][1]["entries"][0]["value"] = "0.30 kWh\n[variant x]"
    status, _, body = s.request("/api/footprint", {"design": multi})
    check(status == 422 and "[manufacturing] electricity CN" in json.loads(body)["error"],
          "a value over two lines: 422 naming the section and key")
    commented = copy.deepcopy(edited)
    commented["ini"]["sections"][1]["entries"][0]["value"] = "0.30 kWh ; cut here"
    check(s.request("/api/footprint", {"design": commented})[0] == 422, "a value holding ' ;' (a comment): 422")

    # -- export: the HTML report; PACT needs --profile
    status, ctype, html = s.request("/api/export", {"design": edited, "format": "html"})
    check(status == 200 and ctype.startswith("text/html") and b"Plastic toy car" in html, "export html: the report")
    check(s.request("/api/export", {"design": edited, "format": "pact"})[0] == 422, "export pact without --profile: 422")
finally:
    s.close()

s = Studio(PCF, os.path.join(SRC, "cases", "toy-car"), ["--profile", os.path.join(SRC, "cases", "profile.ini")])
try:
    design = s.api("design")["design"]
    pact = s.api("export", {"design": design, "format": "pact"})
    cli = s.cli("footprint", os.path.join(s.case, "product.ini"), "--format", "pact", "--profile",
                os.path.join(SRC, "cases", "profile.ini"))
    # id and created differ per document; the figures may not
    check(pact["pcf"]["pCfExcludingBiogenic"] == cli["pcf"]["pCfExcludingBiogenic"],
          "export pact: pCfExcludingBiogenic = pcf footprint --format pact's")
finally:
    s.close()

# -- every case: load then save gives the same bytes (comments, order, delimiter kept) and the API's
# footprint is the command's
for case in ("aluminium-bracket", "cotton-tshirt", "electric-kettle", "fire-partition", "hk-recycled-plastic"):
    src = os.path.join(SRC, "cases", case)
    s = Studio(PCF, src)
    try:
        design = s.api("design")["design"]
        fp = s.api("footprint", {"design": design})
        s.api("save", {"design": design})
        for name in ("product.ini", "bom.csv"):
            with open(os.path.join(src, name), "rb") as a, open(os.path.join(s.case, name), "rb") as b:
                check(a.read() == b.read(), "%s: %s saved unchanged, byte for byte" % (case, name))
        check(fp == s.cli("footprint", os.path.join(s.case, "product.ini"), "--format", "json"),
              "%s: footprint = pcf footprint --format json" % case)
    finally:
        s.close()

# -- a product written on Windows (CR LF line ends, a semicolon-separated BOM with decimal commas
# quoted): saved back with its own line ends and delimiter
import shutil  # noqa: E402
import tempfile  # noqa: E402

crlf = tempfile.mkdtemp(prefix="studio-crlf-")
try:
    with open(os.path.join(SRC, "cases", "toy-car", "product.ini")) as f:
        ini_text = f.read().replace("\n", "\r\n")
    bom_text = ("level;part number;name;quantity;unit;material;mass (kg)\r\n0;TC-100;Toy car;1;pcs;;\r\n"
                "1;TC-110;Body;1;pcs;ABS;0.120\r\n1;TC-120;Wheel;4;pcs;PP;0.0075\r\n1;TC-130;Axle;2;pcs;steel;0.010\r\n")
    with open(os.path.join(crlf, "product.ini"), "w", newline="") as f:
        f.write(ini_text)
    with open(os.path.join(crlf, "bom.csv"), "w", newline="") as f:
        f.write(bom_text)
    s = Studio(PCF, crlf)
    try:
        design = s.api("design")["design"]
        check(design["bom"]["delimiter"] == ";" and design["ini"].get("newline") == "\r\n",
              "CR LF and ';' read as such")
        fp = s.api("footprint", {"design": design})
        check(abs(fp["total"] - expected["total"]) <= expected["tolerance"] * abs(expected["total"]),
              "the same toy car in CR LF and ';': calc.py's total")
        s.api("save", {"design": design})
        with open(os.path.join(s.case, "product.ini"), newline="") as a, open(os.path.join(s.case, "bom.csv"),
                                                                                newline="") as b:
            check(a.read() == ini_text and b.read() == bom_text, "saved back byte for byte (CR LF, ';')")
    finally:
        s.close()
finally:
    shutil.rmtree(crlf, ignore_errors=True)

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
