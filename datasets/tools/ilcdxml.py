"""ilcdxml.py: writers for the ILCD 1.1 datasets the package authors (process, flow, source,
contact, LCIA method), as plain text so the output is byte-for-byte deterministic.

Element order follows the ILCD 1.1 schemas (ILCD_ProcessDataSet.xsd, ILCD_FlowDataSet.xsd,
ILCD_SourceDataSet.xsd, ILCD_ContactDataSet.xsd, ILCD_LCIAMethodDataSet.xsd); the files validate
against them (see check_package.py --xsd).
"""
import uuid
from xml.sax.saxutils import escape, quoteattr

# Fixed namespace for every UUID this package mints: uuid5(PCF_NS, stable key).
PCF_NS = uuid.UUID("6f1c1e52-5d3a-4f0e-9a57-7c0d2a1b9e11")
TIMESTAMP = "2025-01-01T00:00:00"
VERSION = "01.00.000"
ILCD_FORMAT_SOURCE = "a97a0155-0234-4b87-b4ce-a45da52f2a40"  # "ILCD format" (EF package)

NS_COMMON = "http://lca.jrc.it/ILCD/Common"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

KIND_DIR = {
    "process data set": "processes",
    "flow data set": "flows",
    "flow property data set": "flowproperties",
    "unit group data set": "unitgroups",
    "LCIA method data set": "lciamethods",
    "source data set": "sources",
    "contact data set": "contacts",
}


def mint(key):
    """A UUID that depends only on key: rebuilding gives the same identifiers."""
    return str(uuid.uuid5(PCF_NS, key))


def t(text):
    return escape(str(text))


def num(x):
    """Numbers as written: Python's shortest round-trip form (xs:double accepts it)."""
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def ref(tag, kind, uid, desc, version=None, ns="common:"):
    """A GlobalReferenceType element (refObjectId, type, uri, shortDescription)."""
    v = ' version="%s"' % version if version else ""
    return ('<%s%s refObjectId="%s" type="%s" uri="../%s/%s.xml"%s>'
            '<common:shortDescription xml:lang="en">%s</common:shortDescription></%s%s>'
            % (ns, tag, uid, kind, KIND_DIR[kind], uid, v, t(desc), ns, tag))


def _format_ref(ns="common:"):
    return ref("referenceToDataSetFormat", "source data set", ILCD_FORMAT_SOURCE, "ILCD format",
               ns=ns)


def header(root, ns_local, xsd):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<%s xmlns="http://lca.jrc.it/ILCD/%s" xmlns:common="%s" xmlns:xsi="%s" version="1.1" '
            'xsi:schemaLocation="http://lca.jrc.it/ILCD/%s ../../schemas/%s">\n'
            % (root, ns_local, NS_COMMON, XSI, ns_local, xsd))


def source_xml(uid, short_name, citation, description, url=None, contact=None):
    out = [header("sourceDataSet", "Source", "ILCD_SourceDataSet.xsd")]
    out.append("<sourceInformation><dataSetInformation>\n")
    out.append("<common:UUID>%s</common:UUID>\n" % uid)
    out.append('<common:shortName xml:lang="en">%s</common:shortName>\n' % t(short_name))
    out.append("<classificationInformation><common:classification>"
               '<common:class level="0">Publications and communications</common:class>'
               "</common:classification></classificationInformation>\n")
    out.append("<sourceCitation>%s</sourceCitation>\n" % t(citation))
    out.append("<publicationType>Undefined</publicationType>\n")
    out.append('<sourceDescriptionOrComment xml:lang="en">%s</sourceDescriptionOrComment>\n'
               % t(description))
    if url:
        out.append("<referenceToDigitalFile uri=%s/>\n" % quoteattr(url))
    if contact:
        out.append(ref("referenceToContact", "contact data set", contact[0], contact[1], ns="")
                   + "\n")
    out.append("</dataSetInformation></sourceInformation>\n")
    out.append("<administrativeInformation><dataEntryBy><common:timeStamp>%s</common:timeStamp>"
               % TIMESTAMP)
    out.append(_format_ref() + "</dataEntryBy>\n")
    out.append("<publicationAndOwnership><common:dataSetVersion>%s</common:dataSetVersion>"
               "</publicationAndOwnership></administrativeInformation>\n" % VERSION)
    out.append("</sourceDataSet>\n")
    return "".join(out)


def contact_xml(uid, short_name, name, www=None):
    out = [header("contactDataSet", "Contact", "ILCD_ContactDataSet.xsd")]
    out.append("<contactInformation><dataSetInformation>\n")
    out.append("<common:UUID>%s</common:UUID>\n" % uid)
    out.append('<common:shortName xml:lang="en">%s</common:shortName>\n' % t(short_name))
    out.append('<common:name xml:lang="en">%s</common:name>\n' % t(name))
    out.append("<classificationInformation><common:classification>"
               '<common:class level="0">Organisations</common:class>'
               "</common:classification></classificationInformation>\n")
    if www:
        out.append("<WWWAddress>%s</WWWAddress>\n" % t(www))
    out.append("</dataSetInformation></contactInformation>\n")
    out.append("<administrativeInformation><dataEntryBy><common:timeStamp>%s</common:timeStamp>"
               % TIMESTAMP)
    out.append(_format_ref() + "</dataEntryBy>\n")
    out.append("<publicationAndOwnership><common:dataSetVersion>%s</common:dataSetVersion>"
               "</publicationAndOwnership></administrativeInformation>\n" % VERSION)
    out.append("</contactDataSet>\n")
    return "".join(out)


def product_flow_xml(uid, name, classes, prop_uuid, prop_name, comment, flow_type="Product flow",
                     synonyms=None, extra_props=()):
    """A product (or waste) flow whose reference flow property is prop_uuid with mean value 1.
    extra_props: (uuid, name, mean_value) of further flow properties (e.g. calorific value)."""
    out = [header("flowDataSet", "Flow", "ILCD_FlowDataSet.xsd")]
    out.append("<flowInformation><dataSetInformation>\n")
    out.append("<common:UUID>%s</common:UUID>\n" % uid)
    out.append('<name><baseName xml:lang="en">%s</baseName></name>\n' % t(name))
    if synonyms:
        out.append('<common:synonyms xml:lang="en">%s</common:synonyms>\n' % t("; ".join(synonyms)))
    out.append("<classificationInformation><common:classification>")
    for i, c in enumerate(classes):
        out.append('<common:class level="%d">%s</common:class>' % (i, t(c)))
    out.append("</common:classification></classificationInformation>\n")
    out.append('<common:generalComment xml:lang="en">%s</common:generalComment>\n' % t(comment))
    out.append("</dataSetInformation>\n")
    out.append("<quantitativeReference><referenceToReferenceFlowProperty>0"
               "</referenceToReferenceFlowProperty></quantitativeReference>\n")
    out.append("</flowInformation>\n")
    out.append("<modellingAndValidation><LCIMethod><typeOfDataSet>%s</typeOfDataSet></LCIMethod>"
               "</modellingAndValidation>\n" % flow_type)
    out.append("<administrativeInformation><dataEntryBy><common:timeStamp>%s</common:timeStamp>"
               % TIMESTAMP)
    out.append(_format_ref() + "</dataEntryBy>\n")
    out.append("<publicationAndOwnership><common:dataSetVersion>%s</common:dataSetVersion>"
               "</publicationAndOwnership></administrativeInformation>\n" % VERSION)
    out.append("<flowProperties>\n")
    props = [(prop_uuid, prop_name, 1.0)] + list(extra_props)
    for i, (pu, pn, mv) in enumerate(props):
        out.append('<flowProperty dataSetInternalID="%d">' % i)
        out.append(ref("referenceToFlowPropertyDataSet", "flow property data set", pu, pn, ns=""))
        out.append("<meanValue>%s</meanValue></flowProperty>\n" % num(mv))
    out.append("</flowProperties>\n</flowDataSet>\n")
    return "".join(out)


def process_xml(p):
    """p: dict with uuid, name (base name), route, mix, fu (functional unit text), classes,
    comment, year, valid_until, location, technology, type, lci_principle, approaches,
    deviations, cutoff, sources [(uuid, short)], owner (uuid, name), copyright (bool),
    licence (ILCD licenseType), access (text), exchanges [dict(flow, flow_name, direction,
    amount, comment, derivation)], reference (index into exchanges),
    lcia [(method uuid, method name, amount)]."""
    out = [header("processDataSet", "Process", "ILCD_ProcessDataSet.xsd")]
    out.append("<processInformation>\n<dataSetInformation>\n")
    out.append("<common:UUID>%s</common:UUID>\n" % p["uuid"])
    out.append("<name>")
    out.append('<baseName xml:lang="en">%s</baseName>' % t(p["name"]))
    if p.get("route"):
        out.append('<treatmentStandardsRoutes xml:lang="en">%s</treatmentStandardsRoutes>'
                   % t(p["route"]))
    if p.get("mix"):
        out.append('<mixAndLocationTypes xml:lang="en">%s</mixAndLocationTypes>' % t(p["mix"]))
    if p.get("fu"):
        out.append('<functionalUnitFlowProperties xml:lang="en">%s</functionalUnitFlowProperties>'
                   % t(p["fu"]))
    out.append("</name>\n")
    out.append("<classificationInformation><common:classification>")
    for i, c in enumerate(p["classes"]):
        out.append('<common:class level="%d">%s</common:class>' % (i, t(c)))
    out.append("</common:classification></classificationInformation>\n")
    out.append('<common:generalComment xml:lang="en">%s</common:generalComment>\n'
               % t(p["comment"]))
    out.append("</dataSetInformation>\n")
    out.append('<quantitativeReference type="Reference flow(s)"><referenceToReferenceFlow>%d'
               "</referenceToReferenceFlow></quantitativeReference>\n" % p["reference"])
    out.append("<time><common:referenceYear>%d</common:referenceYear>" % p["year"])
    if p.get("valid_until"):
        out.append("<common:dataSetValidUntil>%d</common:dataSetValidUntil>" % p["valid_until"])
    if p.get("time_note"):
        out.append('<common:timeRepresentativenessDescription xml:lang="en">%s'
                   "</common:timeRepresentativenessDescription>" % t(p["time_note"]))
    out.append("</time>\n")
    out.append('<geography><locationOfOperationSupplyOrProduction location="%s"/></geography>\n'
               % t(p["location"]))
    out.append('<technology><technologyDescriptionAndIncludedProcesses xml:lang="en">%s'
               "</technologyDescriptionAndIncludedProcesses></technology>\n"
               % t(p["technology"]))
    out.append("</processInformation>\n")
    out.append("<modellingAndValidation>\n<LCIMethodAndAllocation>")
    out.append("<typeOfDataSet>%s</typeOfDataSet>" % p["type"])
    out.append("<LCIMethodPrinciple>%s</LCIMethodPrinciple>" % p.get("lci_principle", "Attributional"))
    if p.get("deviations"):
        out.append('<deviationsFromLCIMethodPrinciple xml:lang="en">%s'
                   "</deviationsFromLCIMethodPrinciple>" % t(p["deviations"]))
    for a in p.get("approaches", ["Not applicable"]):
        out.append("<LCIMethodApproaches>%s</LCIMethodApproaches>" % a)
    out.append("</LCIMethodAndAllocation>\n<dataSourcesTreatmentAndRepresentativeness>")
    if p.get("cutoff"):
        out.append('<dataCutOffAndCompletenessPrinciples xml:lang="en">%s'
                   "</dataCutOffAndCompletenessPrinciples>" % t(p["cutoff"]))
    for su, sn in p["sources"]:
        out.append(ref("referenceToDataSource", "source data set", su, sn, ns=""))
    out.append("</dataSourcesTreatmentAndRepresentativeness>\n</modellingAndValidation>\n")
    out.append("<administrativeInformation>\n")
    out.append("<dataEntryBy><common:timeStamp>%s</common:timeStamp>" % TIMESTAMP)
    out.append(_format_ref() + "</dataEntryBy>\n")
    out.append("<publicationAndOwnership><common:dataSetVersion>%s</common:dataSetVersion>" % VERSION)
    ou, on = p["owner"]
    out.append(ref("referenceToOwnershipOfDataSet", "contact data set", ou, on))
    out.append("<common:copyright>%s</common:copyright>" % ("true" if p.get("copyright") else "false"))
    if p.get("licence"):
        out.append("<common:licenseType>%s</common:licenseType>" % p["licence"])
    if p.get("access"):
        out.append('<common:accessRestrictions xml:lang="en">%s</common:accessRestrictions>'
                   % t(p["access"]))
    out.append("</publicationAndOwnership>\n</administrativeInformation>\n<exchanges>\n")
    for i, e in enumerate(p["exchanges"]):
        out.append('<exchange dataSetInternalID="%d">' % i)
        out.append(ref("referenceToFlowDataSet", "flow data set", e["flow"], e["flow_name"], ns="",
                       version=e.get("version")))
        out.append("<exchangeDirection>%s</exchangeDirection>" % e["direction"])
        out.append("<meanAmount>%s</meanAmount><resultingAmount>%s</resultingAmount>"
                   % (num(e["amount"]), num(e["amount"])))
        out.append("<dataDerivationTypeStatus>%s</dataDerivationTypeStatus>"
                   % e.get("derivation", "Calculated"))
        if e.get("comment"):
            out.append('<generalComment xml:lang="en">%s</generalComment>' % t(e["comment"]))
        out.append("</exchange>\n")
    out.append("</exchanges>\n")
    if p.get("lcia"):
        out.append("<LCIAResults>\n")
        for mu, mn, amount in p["lcia"]:
            out.append("<LCIAResult>")
            out.append(ref("referenceToLCIAMethodDataSet", "LCIA method data set", mu, mn, ns=""))
            out.append("<meanAmount>%s</meanAmount></LCIAResult>\n" % num(amount))
        out.append("</LCIAResults>\n")
    out.append("</processDataSet>\n")
    return "".join(out)
