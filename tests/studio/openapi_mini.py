"""openapi_mini.py: checks an answer of pcf studio's API against pcf/studio/openapi.yaml (the
response schema of a path, method and status): $ref, allOf, type, nullable, enum, required,
properties, items, additionalProperties, minimum, maximum. A keyword it does not know is an error,
so the description cannot say more than is checked. Needs PyYAML; load() returns None without it."""
KNOWN = {"$ref", "allOf", "type", "nullable", "enum", "required", "properties", "items",
         "additionalProperties", "minimum", "maximum", "description"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def load(path):
    try:
        import yaml
    except ImportError:
        return None
    with open(path) as f:
        return yaml.safe_load(f)


def _resolve(spec, schema):
    while "$ref" in schema:
        node = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def validate(spec, schema, value, where="$"):
    """A list of what does not match (empty when the value matches)."""
    schema = _resolve(spec, schema)
    errors = ["%s: schema keyword %s not checked" % (where, k) for k in schema if k not in KNOWN]
    for sub in schema.get("allOf", []):
        errors += validate(spec, sub, value, where)
    if value is None:
        return errors if schema.get("nullable") or "type" not in schema else errors + [where + ": null"]
    t = schema.get("type")
    if t == "number" or t == "integer":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (t == "integer" and not isinstance(value, int)):
            return errors + ["%s: not a %s" % (where, t)]
        if "minimum" in schema and value < schema["minimum"] or "maximum" in schema and value > schema["maximum"]:
            errors.append(where + ": out of range")
    elif t and not isinstance(value, TYPES[t]):
        return errors + ["%s: not a %s" % (where, t)]
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r not in %r" % (where, value, schema["enum"]))
    if isinstance(value, dict):
        errors += ["%s: no %s" % (where, k) for k in schema.get("required", []) if k not in value]
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                errors += validate(spec, sub, value[k], where + "." + k)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for k, v in value.items():
                if k not in schema.get("properties", {}):
                    errors += validate(spec, extra, v, where + "." + k)
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += validate(spec, schema["items"], v, "%s[%d]" % (where, i))
    return errors


def response_schema(spec, path, method, status, ctype="application/json"):
    r = spec["paths"][path][method]["responses"][str(status)]
    r = _resolve(spec, r)
    return r["content"][ctype]["schema"]


def request_schema(spec, path, method):
    return spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
