/* gen_synthetic.c: a synthetic but realistically shaped ILCD database and catalogue for
 * bench/batch_bench.c.
 *
 *   gen_synthetic OUT [--processes 20000] [--products 10000] [--elementary 2000] [--seed 1]
 *
 * writes, through the ILCD format the real loader reads:
 *   OUT/ILCD/flows/       one product flow per process (Mass, kg) and --elementary elementary flows
 *   OUT/ILCD/processes/   --processes unit processes: reference output 1 kg of its product, 10-15
 *                         inputs of other processes' products, supplier choice hub-heavy and nearly
 *                         triangular with small loops (see supplier()), amounts 0.001-0.06 kg per
 *                         kg so the supply chains converge; outputs of the EF 3.1 CO2, CH4 and N2O (fossil,
 *                         to air, unspecified) flows of the bundled data, which the AR6 method
 *                         characterises, and 2-5 synthetic elementary flows each.
 *   OUT/materials.csv     2,000 material names mapped to processes
 *   OUT/catalogue.csv     --products rows: id, name, product
 *   OUT/products/pNNNNN.ini + .csv   product files with a BOM of 20-200 material lines, moulding
 *                         electricity from a synthetic process, and a truck leg (bundled data)
 * Everything is deterministic for a seed. Load it with the bundled data (the EF flows and the
 * AR6 method live there): pcf batch OUT/catalogue.csv --data OUT/ILCD.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state = 88172645463325252ull;
static uint64_t next(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static double uniform(void) { return (double)(next() >> 11) * 0x1.0p-53; }
static long between(long lo, long hi) { return lo + (long)(next() % (uint64_t)(hi - lo + 1)); }

/* Deterministic UUIDs that look random (splitmix64 of kind and index), as real data sets' are:
 * kind 1 = product flow, 2 = process, 3 = elementary flow. */
static uint64_t mix(uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static const char *uuid(int kind, long i, char *buf) {
  uint64_t a = mix(((uint64_t)kind << 40) ^ (uint64_t)i), b = mix(a);
  snprintf(buf, 40, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
           (unsigned)a & 0xfff, 0x8000u | ((unsigned)(b >> 48) & 0x3fff), (unsigned long long)(b & 0xffffffffffffull));
  return buf;
}

static const char *const ghg[3] = {"08a91e70-3ddc-11dd-923d-0050c2490048",  /* CO2 fossil, air */
                                   "08a91e70-3ddc-11dd-9610-0050c2490048",  /* CH4 fossil, air */
                                   "08a91e70-3ddc-11dd-94c3-0050c2490048"}; /* N2O, air */
static const char mass_property[] = "93a60a56-a3c8-11da-a746-0800200b9a66";

static FILE *open_out(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) {
    fprintf(stderr, "gen_synthetic: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  return f;
}

static void write_flow(const char *dir, const char *id, const char *name, const char *type) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s.xml", dir, id);
  FILE *f = open_out(path);
  fprintf(f,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<flowDataSet xmlns=\"http://lca.jrc.it/ILCD/Flow\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\" "
          "version=\"1.1\">\n<flowInformation><dataSetInformation><common:UUID>%s</common:UUID>"
          "<name><baseName xml:lang=\"en\">%s</baseName></name></dataSetInformation>"
          "<quantitativeReference><referenceToReferenceFlowProperty>0</referenceToReferenceFlowProperty>"
          "</quantitativeReference></flowInformation>\n<modellingAndValidation><LCIMethod><typeOfDataSet>%s"
          "</typeOfDataSet></LCIMethod></modellingAndValidation>\n<administrativeInformation>"
          "<publicationAndOwnership><common:dataSetVersion>01.00.000</common:dataSetVersion>"
          "</publicationAndOwnership></administrativeInformation>\n<flowProperties><flowProperty "
          "dataSetInternalID=\"0\"><referenceToFlowPropertyDataSet refObjectId=\"%s\" type=\"flow property "
          "data set\"/><meanValue>1.0</meanValue></flowProperty></flowProperties>\n</flowDataSet>\n",
          id, name, type, mass_property);
  fclose(f);
}

static void exchange(FILE *f, int id, const char *flow, const char *dir, double amount) {
  fprintf(f,
          "<exchange dataSetInternalID=\"%d\"><referenceToFlowDataSet refObjectId=\"%s\" type=\"flow data set\"/>"
          "<exchangeDirection>%s</exchangeDirection><meanAmount>%.6g</meanAmount><resultingAmount>%.6g"
          "</resultingAmount></exchange>\n",
          id, flow, dir, amount, amount);
}

/* Supplier of an input of process i. Large databases are nearly triangular: a process buys from
 * processes upstream of it (lower index here), most often from hubs (index i*u^3 favours the
 * first ones: energy, transport, base chemicals). Loops exist but stay small: the first HUBS
 * processes (the energy and transport core) buy from each other freely, and 3 % of the links go
 * to a process of the same block of BLOCK, as in co-product and recycling loops. */
#define HUBS 200
#define BLOCK 20
static long supplier(long n, long self) {
  for (;;) {
    double u = uniform();
    long j;
    if (self < HUBS)
      j = (long)(HUBS * u);
    else if (uniform() < 0.03)
      j = self / BLOCK * BLOCK + (long)(BLOCK * u);
    else
      j = (long)((double)self * u * u * u);
    if (j != self && j < n) return j;
  }
}

static void write_process(const char *dir, long i, long n, long n_elem) {
  char id[40], flow[40], path[4200];
  uuid(2, i, id);
  snprintf(path, sizeof path, "%s/%s.xml", dir, id);
  FILE *f = open_out(path);
  fprintf(f,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<processDataSet xmlns=\"http://lca.jrc.it/ILCD/Process\" xmlns:common=\"http://lca.jrc.it/ILCD/Common\" "
          "version=\"1.1\">\n<processInformation><dataSetInformation><common:UUID>%s</common:UUID>"
          "<name><baseName xml:lang=\"en\">synthetic process %05ld</baseName></name></dataSetInformation>"
          "<quantitativeReference type=\"Reference flow(s)\"><referenceToReferenceFlow>0"
          "</referenceToReferenceFlow></quantitativeReference></processInformation>\n"
          "<modellingAndValidation><LCIMethodAndAllocation><typeOfDataSet>Unit process, single operation"
          "</typeOfDataSet></LCIMethodAndAllocation></modellingAndValidation>\n<administrativeInformation>"
          "<publicationAndOwnership><common:dataSetVersion>01.00.000</common:dataSetVersion>"
          "</publicationAndOwnership></administrativeInformation>\n<exchanges>\n",
          id, i);
  exchange(f, 0, uuid(1, i, flow), "Output", 1.0);
  int k = 1;
  long inputs = between(10, 15);
  for (long e = 0; e < inputs; e++) exchange(f, k++, uuid(1, supplier(n, i), flow), "Input", 0.001 + 0.059 * uniform());
  exchange(f, k++, ghg[0], "Output", 0.05 + 2.0 * uniform());
  exchange(f, k++, ghg[1], "Output", 0.0001 + 0.005 * uniform());
  exchange(f, k++, ghg[2], "Output", 0.00001 + 0.0002 * uniform());
  for (long e = between(2, 5); e > 0; e--)
    exchange(f, k++, uuid(3, between(0, n_elem - 1), flow), "Output", 1e-6 + 1e-3 * uniform());
  fputs("</exchanges>\n</processDataSet>\n", f);
  fclose(f);
}

static void write_product(const char *out, long p, long n, long n_materials) {
  char path[4200], id[40];
  snprintf(path, sizeof path, "%s/products/p%05ld.csv", out, p);
  FILE *f = open_out(path);
  long lines = between(20, 200);
  fprintf(f, "level,part number,name,quantity,unit,material,mass (kg)\n0,P%05ld,Product %ld,1,pcs,,\n", p, p);
  for (long l = 0; l < lines; l++)
    fprintf(f, "1,P%05ld-%03ld,Part %ld,1,pcs,mat%04ld,%.4f\n", p, l, l, between(0, n_materials - 1),
            0.001 + 0.5 * uniform());
  fclose(f);
  snprintf(path, sizeof path, "%s/products/p%05ld.ini", out, p);
  f = open_out(path);
  fprintf(f,
          "[product]\nname = Synthetic product %05ld\nid = P%05ld\ndeclared_unit = 1 piece\nbom = p%05ld.csv\n"
          "materials = ../materials.csv\nmethod = AR6\n\n[manufacturing]\n%s = %.3f kg\n\n[distribution]\n"
          "truck = %ld km\n",
          p, p, p, uuid(2, between(0, n - 1), id), 0.1 + uniform(), between(50, 2000));
  fclose(f);
}

static void mkdirs(const char *path) {
  if (mkdir(path, 0777) && errno != EEXIST) {
    fprintf(stderr, "gen_synthetic: %s: %s\n", path, strerror(errno));
    exit(1);
  }
}

int main(int argc, char **argv) {
  long n = 20000, products = 10000, n_elem = 2000, n_materials = 2000;
  const char *out = NULL;
  for (int i = 1; i < argc; i++) {
    if (i + 1 < argc && strcmp(argv[i], "--processes") == 0)
      n = atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--products") == 0)
      products = atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--elementary") == 0)
      n_elem = atol(argv[++i]);
    else if (i + 1 < argc && strcmp(argv[i], "--seed") == 0)
      rng_state += (uint64_t)atol(argv[++i]) * 0x9E3779B97F4A7C15ull;
    else if (!out && argv[i][0] != '-')
      out = argv[i];
    else
      return fputs("usage: gen_synthetic OUT [--processes N] [--products N] [--elementary N] [--seed S]\n", stderr), 64;
  }
  if (!out || n < 100 || products < 1 || n_elem < 1)
    return fputs("gen_synthetic: OUT required; --processes >= 100\n", stderr), 64;
  if (n_materials > n) n_materials = n;
  char path[4096], id[40], name[64];
  mkdirs(out);
  snprintf(path, sizeof path, "%s/ILCD", out), mkdirs(path);
  snprintf(path, sizeof path, "%s/ILCD/flows", out), mkdirs(path);
  for (long i = 0; i < n; i++) {
    snprintf(name, sizeof name, "synthetic product %05ld", i);
    write_flow(path, uuid(1, i, id), name, "Product flow");
  }
  for (long i = 0; i < n_elem; i++) {
    snprintf(name, sizeof name, "synthetic substance %04ld, to air", i);
    write_flow(path, uuid(3, i, id), name, "Elementary flow");
  }
  snprintf(path, sizeof path, "%s/ILCD/processes", out), mkdirs(path);
  for (long i = 0; i < n; i++) write_process(path, i, n, n_elem);
  snprintf(path, sizeof path, "%s/materials.csv", out);
  FILE *f = open_out(path);
  fputs("name,process,family\n", f);
  for (long m = 0; m < n_materials; m++) fprintf(f, "mat%04ld,%s,other\n", m, uuid(2, between(0, n - 1), id));
  fclose(f);
  snprintf(path, sizeof path, "%s/products", out), mkdirs(path);
  for (long p = 0; p < products; p++) write_product(out, p, n, n_materials);
  snprintf(path, sizeof path, "%s/catalogue.csv", out);
  f = open_out(path);
  fputs("id,name,product\n", f);
  for (long p = 0; p < products; p++) fprintf(f, "P%05ld,,products/p%05ld.ini\n", p, p);
  fclose(f);
  printf("gen_synthetic: %ld processes, %ld product flows, %ld elementary flows, %ld products in %s\n", n, n, n_elem,
         products, out);
  return 0;
}
