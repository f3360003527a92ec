#pragma once
// report.html: one self-contained page a person reads (no external assets, inline
// CSS, readable offline and printed): the issue x verdict table coloured by
// verdict (rows carry data-issue / data-verdict for tools and tests), the scenario
// table, each finding with its evidence, and for every failing scenario the
// transcript of its deciding run and the target's journal, with seed, replay
// line and timings. Every text is escaped: a target's answers are untrusted bytes.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "harness/run_result.hpp"

namespace rm::harness {

void write_html_report(const RunResult& run, std::ostream& out);

// Several runs of the same scenarios, one per defect (a kill matrix or a mutation
// run): a page with the defect x scenario heat map, each cell the verdict.
void write_heat_map_html(const std::vector<RunResult>& runs, std::ostream& out);

// `text` for HTML content and quoted attribute values: ill-formed UTF-8 and
// control characters become U+FFFD (harness/text.hpp), then & < > " ' escaped.
std::string html_escape(std::string_view text);

}  // namespace rm::harness
