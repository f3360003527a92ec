#pragma once
// Where sequences come from: decoded deterministically from bytes (libFuzzer's
// input, fuzz/targets/api_sequence.cpp) or drawn from a seed (`harness fuzz`),
// which is the same decoder over bytes from a seeded std::mt19937_64 (whose
// output the standard fixes), so both explore the same space. Step kinds that
// need a hook the target lacks are never produced: `Capabilities` says which,
// and `skipped()` names them for the output.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "harness/fuzz_sequence.hpp"

namespace rm::harness::fuzz {

struct Capabilities {
  bool llm = true;         // llm fault rules, llm gates
  bool store = true;       // store and converter fault rules; the stored tables
  bool store_gate = true;  // concurrent steps held at a store gate
  bool fixture_db = true;  // starts from fixture databases, restarts

  static Capabilities all() { return {}; }
  // One line per step kind left out and why, e.g.
  // "concurrent steps at a store gate (no store_gate hook)".
  std::vector<std::string> skipped() const;
};

struct Limits {
  int max_steps = 24;  // top-level steps of one sequence
};

// Reads bytes front to back; past the end every read is 0 (a short input is a
// short sequence, never an error).
class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  std::uint8_t next() { return at_ < bytes_.size() ? bytes_[at_++] : 0; }
  bool done() const { return at_ >= bytes_.size(); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t at_ = 0;
};

Sequence decode_sequence(std::span<const std::uint8_t> bytes, const Capabilities& capabilities,
                         const Limits& limits);
// The bytes a seed stands for (decode_sequence of them is generate_sequence).
std::vector<std::uint8_t> seed_bytes(std::uint64_t seed, const Limits& limits);
Sequence generate_sequence(std::uint64_t seed, const Capabilities& capabilities,
                           const Limits& limits);

// The fault rule templates and gate templates the decoder draws from (for the
// dictionary and the docs).
int rule_template_count();
Json rule_template(int index, int modifier);

}  // namespace rm::harness::fuzz
