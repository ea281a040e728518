"""studio_session.py: starts `pcf studio` on a copy of a case and talks to it (the tests' helper).

Standard library only. The server prints its address (with the session's token) on its first
line of standard output once it listens."""
import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request


class Studio:
    def __init__(self, pcf, source, extra=()):
        self.pcf = pcf
        self.dir = tempfile.mkdtemp(prefix="studio-test-")
        self.case = os.path.join(self.dir, "case")
        shutil.copytree(source, self.case)
        self.proc = subprocess.Popen([pcf, "studio", self.case, *extra], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            raise RuntimeError("pcf studio printed no address: " + self.url + self.proc.stderr.read())
        parts = urllib.parse.urlsplit(self.url)
        self.origin = parts.scheme + "://" + parts.netloc
        self.token = urllib.parse.parse_qs(parts.query)["token"][0]

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)

    def request(self, path, body=None, token=True, headers=None, query=None):
        """(status, content type, body bytes) of one request."""
        q = {"token": self.token} if token is True else ({"token": token} if token else {})
        q.update(query or {})
        url = self.origin + path + ("?" + urllib.parse.urlencode(q) if q else "")
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
        if data:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def api(self, name, body=None, query=None, expect=200):
        status, _, data = self.request("/api/" + name, body, query=query)
        if status != expect:
            raise AssertionError("/api/%s answered %d, expected %d: %s" % (name, status, expect, data[:500]))
        return json.loads(data)

    def cli(self, *args):
        """The pcf command's JSON output."""
        out = subprocess.run([self.pcf, *args], check=True, capture_output=True, text=True).stdout
        return json.loads(out)


def set_cell(design, row_name, column, value):
    """Sets the BOM cell of the row whose name is row_name."""
    cols = [c.lower() for c in design["bom"]["columns"]]
    name_col = cols.index("name")
    col = cols.index(column)
    for row in design["bom"]["rows"]:
        if row[name_col] == row_name:
            row[col] = value
            return
    raise KeyError(row_name)
