// GET /resumes/{id}/pdf and GET /resumes/{id}/cover-letter/pdf: the query options
// are range-checked here (422 naming the parameter), as FastAPI's Query(ge, le,
// pattern) does, before the service renders anything.
#include "reference/http/api_router.hpp"
#include "reference/http/query_params.hpp"
#include "reference/http/routes/routes.hpp"

namespace rm {
namespace {

constexpr const char* kPageSizePattern = "^(A4|LETTER)$";
constexpr const char* kFontPattern = "^(serif|sans-serif|mono)$";
constexpr const char* kAccentPattern = "^(blue|green|orange|red)$";

Outcome<PdfOptions> resume_pdf_options(const ApiRequest& request) {
  QueryParams query(request);
  PdfOptions options;
  options.template_name = query.get("template").value_or(options.template_name);
  options.page_size =
      query.one_of("pageSize", options.page_size, {"A4", "LETTER"}, kPageSizePattern);
  options.margin_top = query.integer_in_range("marginTop", options.margin_top, 5, 25);
  options.margin_bottom = query.integer_in_range("marginBottom", options.margin_bottom, 5, 25);
  options.margin_left = query.integer_in_range("marginLeft", options.margin_left, 5, 25);
  options.margin_right = query.integer_in_range("marginRight", options.margin_right, 5, 25);
  options.section_spacing = query.integer_in_range("sectionSpacing", options.section_spacing, 1, 5);
  options.item_spacing = query.integer_in_range("itemSpacing", options.item_spacing, 1, 5);
  options.line_height = query.integer_in_range("lineHeight", options.line_height, 1, 5);
  options.font_size = query.integer_in_range("fontSize", options.font_size, 1, 5);
  options.header_scale = query.integer_in_range("headerScale", options.header_scale, 1, 5);
  options.header_font = query.one_of("headerFont", options.header_font,
                                     {"serif", "sans-serif", "mono"}, kFontPattern);
  options.body_font =
      query.one_of("bodyFont", options.body_font, {"serif", "sans-serif", "mono"}, kFontPattern);
  options.compact_mode = query.boolean("compactMode", options.compact_mode);
  options.show_contact_icons = query.boolean("showContactIcons", options.show_contact_icons);
  options.accent_color = query.one_of("accentColor", options.accent_color,
                                      {"blue", "green", "orange", "red"}, kAccentPattern);
  options.lang = query.language_tag("lang").value_or(options.lang);
  if (!query.ok()) return query.failure();
  return options;
}

Outcome<PdfOptions> cover_letter_pdf_options(const ApiRequest& request) {
  QueryParams query(request);
  PdfOptions options;
  options.page_size =
      query.one_of("pageSize", options.page_size, {"A4", "LETTER"}, kPageSizePattern);
  options.lang = query.language_tag("lang").value_or(options.lang);
  if (!query.ok()) return query.failure();
  return options;
}

// The id in the filename comes from the URL: keep quotes and control bytes out of the header.
std::string header_safe(std::string text) {
  for (char& c : text) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
  }
  return text;
}

ApiResponse pdf_response(const Outcome<PdfFile>& file) {
  if (!file) return from_failure(file.failure());
  ApiResponse response;
  response.status = 200;
  response.headers["content-type"] = "application/pdf";
  response.headers["content-disposition"] =
      "attachment; filename=\"" + header_safe(file.value().filename) + "\"";
  response.body = file.value().bytes;
  return response;
}

}  // namespace

void add_pdf_routes(ApiRouter& router) {
  ResumeService* service = &router.service();

  router.add("GET", "/api/v1/resumes/{resume_id}/pdf",
             [service](const ApiRequest& request, const std::vector<std::string>& params) {
               Outcome<PdfOptions> options = resume_pdf_options(request);
               if (!options) return from_failure(options.failure());
               return pdf_response(service->resume_pdf(params.at(0), options.value()));
             });

  router.add("GET", "/api/v1/resumes/{resume_id}/cover-letter/pdf",
             [service](const ApiRequest& request, const std::vector<std::string>& params) {
               Outcome<PdfOptions> options = cover_letter_pdf_options(request);
               if (!options) return from_failure(options.failure());
               return pdf_response(service->cover_letter_pdf(params.at(0), options.value()));
             });
}

}  // namespace rm
