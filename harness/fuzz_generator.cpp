#include "harness/fuzz_generator.hpp"

#include <array>
#include <random>

#include "harness/fuzz_fixtures.hpp"

namespace rm::harness::fuzz {
namespace {

struct RuleTemplate {
  const char* component;
  const char* operation;
  const char* action;
};

// The faults of the thirteen contracts (and a few more): each is a port call
// going wrong in a way an implementation must surface. drop_write and
// stale_read are left out: a lost write that reports success is invisible to
// any implementation by design, so no oracle can blame it.
constexpr std::array<RuleTemplate, 30> kRules = {{
    {"llm", "parse_resume", "throw"},
    {"llm", "parse_resume", "timeout"},
    {"llm", "parse_resume", "non_json"},
    {"llm", "parse_resume", "schema_invalid"},
    {"llm", "parse_resume", "truncated_json"},
    {"llm", "extract_keywords", "throw"},
    {"llm", "extract_keywords", "non_json"},
    {"llm", "improve", "throw"},
    {"llm", "improve", "wrong_but_valid"},
    {"llm", "improve", "schema_invalid"},
    {"llm", "refine", "throw"},
    {"llm", "refine", "timeout"},
    {"llm", "refine", "non_json"},
    {"llm", "refine", "schema_invalid"},
    {"llm", "refine", "wrong_but_valid"},
    {"llm", "cover_letter", "throw"},
    {"llm", "outreach", "throw"},
    {"llm", "*", "rate_limited"},
    {"store", "update_job", "fail"},
    {"store", "update_job", "match_nothing"},
    {"store", "set_preview_hash", "fail"},
    {"store", "set_preview_hash", "match_nothing"},
    {"store", "create_improvement", "fail"},
    {"store", "update_resume", "fail"},
    {"store", "update_resume", "match_nothing"},
    {"store", "create_resume", "fail"},
    {"store", "set_master", "fail"},
    {"store", "set_master", "match_nothing"},
    {"store", "delete_resume", "match_nothing"},
    {"converter", "to_markdown", "fail"},
}};

// Kinds of top-level step, weighted by how often they appear in this table.
enum class Slot { kCall, kRule, kClear, kConcurrent, kRestart };
struct SlotEntry {
  Slot slot;
  Op op;
};
constexpr std::array<SlotEntry, 40> kSlots = {{
    {Slot::kCall, Op::kUploadResume},     {Slot::kCall, Op::kUploadResume},
    {Slot::kCall, Op::kUploadResume},     {Slot::kCall, Op::kUploadResume},
    {Slot::kCall, Op::kUploadJob},        {Slot::kCall, Op::kUploadJob},
    {Slot::kCall, Op::kUploadJob},        {Slot::kCall, Op::kPreview},
    {Slot::kCall, Op::kPreview},          {Slot::kCall, Op::kPreview},
    {Slot::kCall, Op::kPreview},          {Slot::kCall, Op::kConfirm},
    {Slot::kCall, Op::kConfirm},          {Slot::kCall, Op::kConfirm},
    {Slot::kCall, Op::kImprove},          {Slot::kCall, Op::kImprove},
    {Slot::kCall, Op::kGetResume},        {Slot::kCall, Op::kListResumes},
    {Slot::kCall, Op::kStatus},           {Slot::kCall, Op::kGetJob},
    {Slot::kCall, Op::kPatchResume},      {Slot::kCall, Op::kDeleteResume},
    {Slot::kCall, Op::kDeleteResume},     {Slot::kCall, Op::kSetMaster},
    {Slot::kCall, Op::kSetMasterMissing}, {Slot::kCall, Op::kGenerateCoverLetter},
    {Slot::kCall, Op::kGenerateOutreach}, {Slot::kCall, Op::kJobDescription},
    {Slot::kCall, Op::kPatchCoverLetter}, {Slot::kCall, Op::kPatchOutreach},
    {Slot::kCall, Op::kSetFeatures},      {Slot::kCall, Op::kSetFeatures},
    {Slot::kCall, Op::kConfirmInvalid},   {Slot::kRule, Op::kStatus},
    {Slot::kRule, Op::kStatus},           {Slot::kRule, Op::kStatus},
    {Slot::kClear, Op::kStatus},          {Slot::kConcurrent, Op::kStatus},
    {Slot::kConcurrent, Op::kStatus},     {Slot::kRestart, Op::kStatus},
}};

// The concurrent shapes: what is held at which gate, and what runs meanwhile.
struct ConcurrentTemplate {
  const char* component;
  std::vector<std::string> operations;
  std::vector<Op> held;
  std::vector<Op> during;  // on the held calls' resume
};

const std::vector<ConcurrentTemplate>& concurrent_templates() {
  static const std::vector<ConcurrentTemplate> kTemplates = {
      // API-002: first uploads held between their master check and insert.
      {"store", {"create_resume"}, {Op::kUploadResume, Op::kUploadResume}, {}},
      {"store", {"create_resume"}, {Op::kUploadResume, Op::kUploadResume, Op::kUploadResume}, {}},
      // API-011: the resume deleted while a request that will update it is in flight.
      {"llm", {"parse_resume"}, {Op::kUploadResume}, {Op::kDeleteProcessing}},
      {"llm", {"cover_letter"}, {Op::kGenerateCoverLetter}, {Op::kDeleteResume}},
      {"llm", {"outreach"}, {Op::kGenerateOutreach}, {Op::kDeleteResume}},
      {"store", {"update_resume"}, {Op::kPatchResume}, {Op::kDeleteResume}},
      {"store", {"update_resume"}, {Op::kPatchCoverLetter}, {Op::kDeleteResume}},
      {"store", {"update_resume"}, {Op::kPatchOutreach}, {Op::kDeleteResume}},
      // API-010 b: two previews with different prompts interleave their hash writes.
      {"store", {"set_preview_hash", "update_job"}, {Op::kPreview, Op::kPreview}, {}},
      // A preview in flight while its resume is edited (its confirm is then stale).
      {"llm", {"improve"}, {Op::kPreview}, {Op::kPatchResume}},
  };
  return kTemplates;
}

bool template_allowed(const ConcurrentTemplate& t, const Capabilities& c) {
  return std::string(t.component) == "llm" ? c.llm : c.store_gate;
}

bool rule_allowed(const RuleTemplate& t, const Capabilities& c) {
  return std::string(t.component) == "llm" ? c.llm : c.store;
}

Call read_call(ByteReader& in, Op op) {
  Call call;
  call.op = op;
  call.resume = in.next() % 8;
  call.job = in.next() % 4;
  call.preview = in.next() % 8;
  call.variant = in.next();
  return call;
}

}  // namespace

std::vector<std::string> Capabilities::skipped() const {
  std::vector<std::string> lines;
  if (!llm) lines.push_back("llm fault rules and llm gates (no llm hook)");
  if (!store)
    lines.push_back("store and converter fault rules, store-table oracles (no store hook)");
  if (!store_gate) lines.push_back("concurrent steps held at a store gate (no store_gate hook)");
  if (!fixture_db) lines.push_back("fixture database starts and restarts (no fixture_db hook)");
  return lines;
}

int rule_template_count() { return static_cast<int>(kRules.size()); }

Json rule_template(int index, int modifier) {
  const RuleTemplate& t = kRules.at(static_cast<std::size_t>(index) % kRules.size());
  Json rule{{"component", t.component}, {"operation", t.operation}, {"action", t.action}};
  switch (modifier % 4) {
    case 1:
      rule["times"] = 1;
      break;
    case 2:
      rule["nth"] = 2;
      break;
    default:
      break;  // every matching call
  }
  return rule;
}

Sequence decode_sequence(std::span<const std::uint8_t> bytes, const Capabilities& capabilities,
                         const Limits& limits) {
  ByteReader in(bytes);
  Sequence sequence;
  const std::uint8_t start = in.next();
  if (capabilities.fixture_db && start % 4 == 3) {
    const auto& names = fixture_names();
    sequence.fixture = names[(start / 4) % names.size()];
  }
  std::vector<ConcurrentTemplate> templates;
  for (const ConcurrentTemplate& t : concurrent_templates()) {
    if (template_allowed(t, capabilities)) templates.push_back(t);
  }
  std::vector<int> rules;
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (rule_allowed(kRules[i], capabilities)) rules.push_back(static_cast<int>(i));
  }
  while (!in.done() && static_cast<int>(sequence.steps.size()) < limits.max_steps) {
    const SlotEntry entry = kSlots[in.next() % kSlots.size()];
    SeqStep step;
    switch (entry.slot) {
      case Slot::kCall:
        step.call = read_call(in, entry.op);
        break;
      case Slot::kRule: {
        const std::uint8_t which = in.next();
        const std::uint8_t modifier = in.next();
        if (rules.empty()) continue;
        step.kind = SeqStep::Kind::kAddRule;
        step.rule = rule_template(rules[which % rules.size()], modifier);
        break;
      }
      case Slot::kClear:
        if (!capabilities.llm && !capabilities.store) continue;  // no plan to clear
        step.kind = SeqStep::Kind::kClearPlan;
        break;
      case Slot::kRestart:
        if (!capabilities.fixture_db) continue;
        step.kind = SeqStep::Kind::kRestart;
        break;
      case Slot::kConcurrent: {
        const std::uint8_t which = in.next();
        const int resume = in.next() % 8;
        const int job = in.next() % 4;
        const std::uint8_t variant = in.next();
        if (templates.empty()) continue;
        const ConcurrentTemplate& t = templates[which % templates.size()];
        step.kind = SeqStep::Kind::kConcurrent;
        step.rule = Json{
            {"component", t.component},
            {"operation", t.operations.size() == 1 ? Json(t.operations[0]) : Json(t.operations)},
            {"action", "gate"},
            {"gate", "fuzz-held"},
            {"times", static_cast<int>(t.held.size())}};
        for (std::size_t i = 0; i < t.held.size(); ++i) {
          // Two held previews take different prompts (1 = nudge, 3 = full): API-010 b.
          const int held_variant = t.held[i] == Op::kPreview && t.held.size() > 1
                                       ? static_cast<int>(i == 0 ? 1 : 3)
                                       : static_cast<int>(variant) + static_cast<int>(i);
          step.held.push_back(Call{t.held[i], resume, job, 0, held_variant});
        }
        for (Op op : t.during) step.during.push_back(Call{op, resume, job, 0, variant});
        break;
      }
    }
    sequence.steps.push_back(std::move(step));
  }
  return sequence;
}

std::vector<std::uint8_t> seed_bytes(std::uint64_t seed, const Limits& limits) {
  std::mt19937_64 engine(seed);
  // About five bytes make a step; a little more so that most sequences reach the limit.
  const std::size_t size = 1 + static_cast<std::size_t>(limits.max_steps) * 6;
  std::vector<std::uint8_t> bytes;
  bytes.reserve(size);
  while (bytes.size() < size) {
    std::uint64_t word = engine();
    for (int i = 0; i < 8 && bytes.size() < size; ++i, word >>= 8) {
      bytes.push_back(static_cast<std::uint8_t>(word & 0xff));
    }
  }
  return bytes;
}

Sequence generate_sequence(std::uint64_t seed, const Capabilities& capabilities,
                           const Limits& limits) {
  const std::vector<std::uint8_t> bytes = seed_bytes(seed, limits);
  return decode_sequence(bytes, capabilities, limits);
}

}  // namespace rm::harness::fuzz
