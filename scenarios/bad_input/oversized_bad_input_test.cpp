// Bodies over 4 MiB on every endpoint that takes a body: 413 with a JSON detail,
// the server stays up and nothing is stored.
#include "scenarios/bad_input/bad_request.hpp"

namespace rm::test {
namespace {

constexpr std::size_t kOver = 5 * 1024 * 1024;

// A JSON object whose one string field makes the body larger than the limit.
BadRequest big_json(std::string name, std::string method, std::string path, std::string field) {
  return BadRequest{std::move(name),
                    std::move(method),
                    std::move(path),
                    "application/json",
                    [field = std::move(field)](const Seed&) {
                      return "{\"" + field + "\": \"" + std::string(kOver, 'a') + "\"}";
                    },
                    {413},
                    true};
}

std::vector<BadRequest> cases() {
  const std::string form_type = std::string("multipart/form-data; boundary=") + kBoundary;
  return {
      BadRequest{
          "Upload_FormOver4MiB",
          "POST",
          "/api/v1/resumes/upload",
          form_type,
          [](const Seed&) {
            return multipart({{"file", "resume.pdf", "application/pdf", std::string(kOver, 'a')}});
          },
          {413},
          true},
      BadRequest{"Upload_FileExactlyOverTheLimit",
                 "POST",
                 "/api/v1/resumes/upload",
                 form_type,
                 [](const Seed&) {
                   return multipart({{"file", "resume.pdf", "application/pdf",
                                      std::string(4 * 1024 * 1024 + 1, 'a')}});
                 },
                 {413},
                 true},
      big_json("Preview_Over4MiB", "POST", "/api/v1/resumes/improve/preview", "resume_id"),
      big_json("Improve_Over4MiB", "POST", "/api/v1/resumes/improve", "resume_id"),
      big_json("Confirm_Over4MiB", "POST", "/api/v1/resumes/improve/confirm", "resume_id"),
      big_json("PatchResume_Over4MiB", "PATCH", "/api/v1/resumes/{resume}", "summary"),
      big_json("CoverLetter_Over4MiB", "PATCH", "/api/v1/resumes/{resume}/cover-letter", "content"),
      big_json("Outreach_Over4MiB", "PATCH", "/api/v1/resumes/{resume}/outreach-message",
               "content"),
      big_json("Jobs_Over4MiB", "POST", "/api/v1/jobs/upload", "job_descriptions"),
      big_json("Features_Over4MiB", "PUT", "/api/v1/config/features", "enable_cover_letter"),
      big_json("Language_Over4MiB", "PUT", "/api/v1/config/language", "ui_language"),
      big_json("Prompts_Over4MiB", "PUT", "/api/v1/config/prompts", "default_prompt_id"),
  };
}

class OversizedBadInput : public BadInputTest {};

TEST_P(OversizedBadInput, IsRejectedAndStoresNothing) { check(GetParam()); }

INSTANTIATE_TEST_SUITE_P(Oversized, OversizedBadInput, ::testing::ValuesIn(cases()), case_name);

}  // namespace
}  // namespace rm::test
