// Domain micro-benchmarks: the preview's canonical hash, ResumeData validation,
// and the diff between an original and an improved resume.
#include <benchmark/benchmark.h>

#include "benchmarks/sample_resume.hpp"
#include "reference/domain/preview_hash.hpp"
#include "reference/domain/resume_data.hpp"
#include "reference/domain/resume_diff.hpp"

namespace rm {
namespace {

void BM_CanonicalHash(benchmark::State& state) {
  const Json data = validate_resume_data(bench::sample_resume_data()).data;
  for (auto _ : state) benchmark::DoNotOptimize(preview_hash(data));
}
BENCHMARK(BM_CanonicalHash);

void BM_ValidateResumeData(benchmark::State& state) {
  const Json data = bench::sample_resume_data();
  for (auto _ : state) benchmark::DoNotOptimize(validate_resume_data(data));
}
BENCHMARK(BM_ValidateResumeData);

void BM_ResumeDiff(benchmark::State& state) {
  const Json original = validate_resume_data(bench::sample_resume_data()).data;
  Json improved = original;
  improved["additional"]["technicalSkills"].push_back("Rust");
  improved["workExperience"][0]["description"][0] = "Built a router handling 60k msg/s";
  for (auto _ : state) benchmark::DoNotOptimize(calculate_resume_diff(original, improved));
}
BENCHMARK(BM_ResumeDiff);

}  // namespace
}  // namespace rm
