#pragma once
// `harness fuzz`: a campaign of the stateful API fuzzer against a target, the
// replay of a finding's file, or the fuzzer kill matrix (fuzz_options.hpp for
// the command line). Returns the exit code: 0 nothing found, 1 a finding, 2 an
// error.
#include <filesystem>
#include <string>

#include "harness/fuzz_options.hpp"

namespace rm::harness {

// `program` is how the harness was invoked (for the printed replay commands);
// `program_dir` where reference-server and mock-llm are found.
int run_fuzz(const FuzzOptions& options, const std::string& program,
             const std::filesystem::path& program_dir);

}  // namespace rm::harness
