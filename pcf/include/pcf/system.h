/* system.h: the product system of a loaded ILCD database, as matrices.
 *
 * Linking rule. A process PROVIDES its reference flow when that flow is a product flow and the
 * reference exchange is an Output, or a waste flow and the reference exchange is an Input (a
 * treatment). Each provided flow is one row of the technosphere matrix A and its chosen provider
 * one column, so A is square. When several processes provide the same flow, the provider map
 * (pcf_system_prefer) decides; without one, the first provider in load order is taken and the
 * choice is recorded as an ambiguity that footprints touching the flow report. Processes whose
 * reference exchange is an Input of a product (consumers declaring what they use as reference)
 * provide nothing: they can still be footprinted as foreground (pcf_solution_unit_impacts).
 * Column j holds the exchanges of provider j in the reference units of their flows: the
 * reference exchange on its row (positive), inputs of provided products and outputs of wastes
 * to be treated negative, other outputs of provided products positive (co-products substitute
 * their provider). Product or waste exchanges whose flow has no provider are cut off and
 * listed by the footprints that meet them. Loops are solved, not refused, when they are productive:
 *  - a loop that makes no more than it takes in (A singular, or a loop's condition estimate past
 *    1e14) is PCF_ERR_SINGULAR naming the loop's processes; a process with no net output is
 *    named as such;
 *  - a loop that needs more of its own products than it makes (its processes would run at
 *    negative activity: for A without the co-product entries, B, some x = B⁻¹ 1 is not positive)
 *    is PCF_ERR_INPUT naming the loop, whatever the demand;
 *  - a result beyond the range of doubles (a chain multiplying amounts past 1e308) is
 *    PCF_ERR_INPUT naming the process;
 *  - a loop whose condition estimate passes PCF_CONDITION_WARN is solved with a warning in every
 *    footprint through it (below).
 * A process that takes in its own reference product provides its net output (the column holds
 * made − taken on its diagonal), and footprints through it warn so. One that takes in at least
 * as much as it makes provides nothing: footprinting it per unit of its reference product is
 * PCF_ERR_INPUT (pcf_solution_unit_values), and a footprint whose chain uses the flow warns that
 * the flow is cut off because of it.
 *
 * Multi-functional processes (ISO 14044:2006 4.3.4.2; ILCD referenceToReferenceFlow, which may name
 * several exchanges, and <allocations> on exchanges). A process's FUNCTIONS are those of its
 * reference exchanges and of the exchanges its allocations name as co-products
 * (internalReferenceToCoProduct) that are a product Output, a waste Input (or an Output of a flow
 * of another type); exchanges of one flow in one direction are one function, their amounts added.
 * Functions are ordered as the reference flows are written, then the co-products named only by
 * allocations. A process with several reference exchanges or with allocations is replaced, for
 * linking and footprinting, by mono-functional views, each with one reference flow:
 *  - With allocations that name functions: one view (column) per function. It holds the function's
 *    exchange(s) as written and every other exchange times its allocatedFraction for that function
 *    (ILCD's Perc: a percentage of the exchange). The other functions are not in it. An exchange
 *    with allocations gives nothing to a function it names none for. An exchange without
 *    allocations takes the function's own share: the allocation written on the function's exchange
 *    naming itself (the process-wide factor, as openLCA writes physical or economic allocation);
 *    without one, it is counted in full for that function (a warning). Allocations written on a
 *    function's exchange for another function are ignored (a co-product is not a burden to share),
 *    and so are allocations naming an exchange that is not a function (a warning). Fractions of one
 *    exchange summing to other than 100 % (beyond 0.01) are used as written, with a warning giving
 *    the sum; so are functions' own shares. A published LCIA result (used for a process without
 *    elementary exchanges) is shared by the function's own share, else counted in full (a warning).
 *  - Without allocations (or when they name no function): one view, for the first function. The
 *    other reference exchanges become ordinary exchanges: another product output is a co-product
 *    (credited to its flow's provider, as above, or cut off and listed when nothing provides it), an
 *    input is an input. When no reference exchange is a function, the process provides nothing and
 *    is footprinted, as foreground, per its first reference exchange together with the other
 *    reference exchanges of the same flow and direction. This is what openLCA does when it imports
 *    such a data set (one quantitative reference, a providing exchange preferred, the others kept
 *    as ordinary exchanges), except that the function is the first written, not the largest amount
 *    (amounts of different flows are not comparable).
 * A multi-functional process is footprinted (pcf_system_reference, BOM lines, pcf footprint
 * --process) by its principal view, that of its first function; every view provides its flow to
 * the processes that use it. A footprint whose chain runs a multi-functional process warns with
 * what the rule did there (pcf_system_note): reference flows not provided, reference exchanges
 * taken together, fractions off 100 %, exchanges counted in full.
 *
 * Characterisation. For each indicator k (pcf_indicator), direct[k][j] is the characterised sum
 * of provider j's elementary exchanges, or, for an aggregated data set without elementary
 * exchanges, its published LCIA result. One transposed solve Aᵀ y_k = direct_k gives y_k[j], the
 * indicator per unit of flow provided by j, cradle to gate: every product is then a dot product.
 */
#ifndef PCF_SYSTEM_H
#define PCF_SYSTEM_H

#include "pcf/export.h"

#include <ilcd/ilcd.h>
#include <stddef.h>
#include <stdint.h>

#include "pcf/error.h"
#include "pcf/lcia.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pcf_system pcf_system;

/* Builds the system of every process in db with the given method: its rows (provided flows) and
 * columns (their providers). db must stay alive and unchanged while the system exists. Then, as
 * needed, pcf_system_prefer and pcf_system_flag_aircraft, and pcf_system_finish, after which the
 * system is read-only: solutions, footprints and threads share it. Returns 0 or PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_system_new(pcf_system **out, const ilcd_db *db, const pcf_method_set *method, pcf_error *err);
PCF_EXTERN void pcf_system_free(pcf_system *s);

/* Chooses process as the provider of its reference flow (of each of its functions, when it is
 * multi-functional), over the default. Before pcf_system_finish. Returns 0 or PCF_ERR_INPUT when
 * the process provides nothing. */
PCF_EXTERN int pcf_system_prefer(pcf_system *s, const ilcd_uuid *process, pcf_error *err);

/* Marks a process as air transport (its total counts as aircraft emissions). Before
 * pcf_system_finish. */
PCF_EXTERN void pcf_system_flag_aircraft(pcf_system *s, const ilcd_uuid *process);

/* Characterises every column once (its direct impacts and the roles of its exchanges) and makes
 * the system read-only. Returns 0, PCF_ERR_INPUT when nothing provides a product, PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_system_finish(pcf_system *s, pcf_error *err);
PCF_EXTERN int pcf_system_finished(const pcf_system *s);

/* ---- Solutions -------------------------------------------------------------------------------
 * A solution is the system restricted to the supply chains of a set of root processes (or the
 * whole database), assembled, factorised once and solved for the intensity of every provided
 * flow. Its caller owns it; the system must be finished and outlive it. A footprint makes its
 * own for the product's chains; a batch makes one for the whole database and shares it between
 * threads; uncertainty makes its own. */
typedef struct pcf_solution pcf_solution;

/* Solves s restricted to the providers reachable from roots through links (roots NULL: the whole
 * database, which may hold loops of its own that a product never meets). Returns 0 or an error:
 * PCF_ERR_SINGULAR and PCF_ERR_INPUT name the loop or process that makes the system ill-posed
 * (the rules above); PCF_ERR_NOMEM. On error *out is NULL. */
PCF_EXTERN int pcf_solution_new(pcf_solution **out, const pcf_system *s, const ilcd_process *const *roots,
                                size_t n_roots, pcf_error *err);
PCF_EXTERN void pcf_solution_free(pcf_solution *x);
PCF_EXTERN const pcf_system *pcf_solution_system(const pcf_solution *x);
/* Whether column j is in the solution. */
PCF_EXTERN int pcf_solution_has(const pcf_solution *x, size_t j);
/* Whether the whole supply chain of process (a provider, or a foreground process through its
 * linked inputs) lies in the solution, so that it can be valued there. */
PCF_EXTERN int pcf_solution_covers(const pcf_solution *x, const ilcd_process *process);

/* Indicators (kg CO2e) per one reference unit of process's reference flow, cradle to gate:
 * direct plus linked inputs. Works for providers and for foreground-only processes alike (whose
 * linked inputs must lie within the solution). out has PCF_INDICATOR_COUNT entries. Returns 0,
 * or PCF_ERR_INPUT for a process without a usable reference flow or net output. */
PCF_EXTERN int pcf_solution_unit_impacts(const pcf_solution *x, const ilcd_process *process, double *out,
                                         pcf_error *err);
/* The same with the biogenic CO2 masses: out has PCF_VALUE_COUNT entries. */
PCF_EXTERN int pcf_solution_unit_values(const pcf_solution *x, const ilcd_process *process, double *out,
                                        pcf_error *err);

/* Solves the accumulated background demand in place (demand → activity, pcf_system_size
 * entries). Safe from several threads on one solution: the solves take turns (they share the
 * factorisation's workspace). */
PCF_EXTERN int pcf_solution_scale(const pcf_solution *x, double *demand_to_activity, pcf_error *err);

/* Loops: the strongly connected blocks of A (processes that supply each other), each with the
 * condition estimate of its block; pcf_solution_loop_columns gives its columns (count of them). */
PCF_EXTERN size_t pcf_solution_loop_count(const pcf_solution *x);
PCF_EXTERN double pcf_solution_loop_condition(const pcf_solution *x, size_t i);
PCF_EXTERN const int32_t *pcf_solution_loop_columns(const pcf_solution *x, size_t i, size_t *count);

/* The reference exchange a process is footprinted by, its flow, and that flow's reference unit. */
PCF_EXTERN int pcf_system_reference(const pcf_system *s, const ilcd_process *process, const ilcd_exchange **exchange,
                                    const ilcd_flow **flow, const char **unit, pcf_error *err);

/* The demand that `amount` reference units of process put on the background (its linked inputs),
 * accumulated into demand (pcf_system_size entries, so several can be summed); pcf_solution_scale
 * turns it into activities. */
PCF_EXTERN int pcf_system_add_activity(const pcf_system *s, const ilcd_process *process, double amount, double *demand,
                                       pcf_error *err);
/* What an exchange of a column's process adds to a footprint's flow lists (hotspots), found once
 * when the system is solved: an elementary flow the method characterises (factor, kg CO2e per unit
 * of the flow), one it does not, or a product/waste input no process provides (a cut-off). */
typedef enum pcf_exchange_kind { PCF_EX_CHARACTERISED, PCF_EX_UNCHARACTERISED, PCF_EX_CUT_OFF } pcf_exchange_kind;
typedef struct pcf_exchange_role {
  const ilcd_ref *flow;
  double amount; /* per unit of the column's activity (the exchange as written) */
  double factor; /* PCF_EX_CHARACTERISED only */
  pcf_exchange_kind kind;
} pcf_exchange_role;
/* The roles of column j's exchanges, borrowed from the finished system. */
PCF_EXTERN const pcf_exchange_role *pcf_system_exchange_roles(const pcf_system *s, size_t j, size_t *count);

PCF_EXTERN size_t pcf_system_size(const pcf_system *s);
/* Column of a provider process (its principal view's), -1 when the process provides nothing (or
 * was not chosen). */
PCF_EXTERN long pcf_system_column(const pcf_system *s, const ilcd_process *process);
/* The provider of column j: a process, or a view of a multi-functional one (pcf_system_view). */
PCF_EXTERN const ilcd_process *pcf_system_provider(const pcf_system *s, size_t j);
/* Direct indicator k of provider j per unit of its activity column (as in A). */
PCF_EXTERN double pcf_system_direct(const pcf_system *s, pcf_indicator k, size_t j);
PCF_EXTERN const ilcd_db *pcf_system_db(const pcf_system *s);
PCF_EXTERN const pcf_method_set *pcf_system_method(const pcf_system *s);

/* How the direct impacts of p were obtained (pcf_direct_source; *used names the method of a
 * published result, NULL otherwise). */
PCF_EXTERN pcf_direct_source pcf_system_direct_source(const pcf_system *s, const ilcd_process *p, const char **used);
/* The same for column j, without looking the process up. */
PCF_EXTERN pcf_direct_source pcf_system_column_source(const pcf_system *s, size_t j, const char **used);
/* Direct indicators of p for its exchanges as written (not per unit); out has PCF_VALUE_COUNT
 * entries. */
PCF_EXTERN void pcf_system_direct_impacts(const pcf_system *s, const ilcd_process *p, double *out);
/* Adds to out (PCF_VALUE_COUNT entries) what `amount` of an elementary flow in this direction counts
 * for, exactly as inside a process (the split, biogenic CO2 as a mass). Returns 0, or
 * PCF_ERR_NOT_FOUND when the method has no factor for it. */
PCF_EXTERN int pcf_system_characterise(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction,
                                       double amount, double *out);
/* The selected method's factor for this elementary flow and direction, NaN without one. */
PCF_EXTERN double pcf_system_factor(const pcf_system *s, const ilcd_uuid *flow, ilcd_direction direction);
/* Column of the provider taken for ambiguity i. */
PCF_EXTERN size_t pcf_system_ambiguity_column(const pcf_system *s, size_t i);

/* Flows with several providers, and the one taken. */
PCF_EXTERN size_t pcf_system_ambiguity_count(const pcf_system *s);
/* Describes ambiguity i in buf ("flow X: 3 providers, took A (first loaded); others B, C"). */
PCF_EXTERN void pcf_system_ambiguity(const pcf_system *s, size_t i, char *buf, size_t size);
/* The process the system uses for p: p's principal view when p is multi-functional (the rule
 * above; same UUID, one reference flow, allocated amounts), else p itself. Borrowed from s. */
PCF_EXTERN const ilcd_process *pcf_system_view(const pcf_system *s, const ilcd_process *p);
/* What the multi-functional rule did with p (or the process p is a view of), as a warning naming
 * the process; NULL when there is nothing to tell. Borrowed from s. */
PCF_EXTERN const char *pcf_system_note(const pcf_system *s, const ilcd_process *p);

/* Loops of a solution: sets of two providers or more that need, directly or through the others,
 * each other's products (the strongly connected blocks of A, pcf/sparse.h). Each loop is judged
 * alone by its condition estimate (1-norm, every column per unit of its product): a result through
 * the loop can carry up to that many times the relative error of the loop's amounts. ILCD data
 * rarely give amounts to more than 6 significant digits, so past PCF_CONDITION_WARN a footprint
 * through the loop warns with the estimate; a loop whose estimate passes 1e14 (or that is
 * singular) is an error when solving (pcf_solution_new). Loop-free chains have no such condition:
 * tiny or huge amounts per level are exact to rounding. */
#define PCF_CONDITION_WARN 1e6

/* ---- the entries of A, for uncertainty propagation (pcf/uncertainty.h) ------------------------ */

/* One stored entry of A as a solution assembles it, in the same order: A(row, col) += sign ×
 * exchange->resulting_amount, or 1 for the identity column of a column outside the solution's
 * supply chains (exchange NULL). */
typedef struct pcf_system_entry {
  int32_t row, col;
  const ilcd_exchange *exchange;
  double sign;
} pcf_system_entry;

/* The entries of a solution. *out (count entries) is the caller's, freed with free(). Returns 0 or
 * PCF_ERR_NOMEM. */
PCF_EXTERN int pcf_solution_entries(const pcf_solution *x, pcf_system_entry **out, size_t *count, pcf_error *err);
/* Row of the provider of ex's flow and ex's sign in a column (as A holds it), -1 when unlinked. */
PCF_EXTERN long pcf_system_link(const pcf_system *s, const ilcd_exchange *ex, double *sign);

#ifdef __cplusplus
}
#endif
#endif
