#pragma once
// The reference's default converter: the upload's bytes must already be text.
// Accepts well-formed UTF-8 (tab, LF and CR are the only control characters
// allowed), drops a UTF-8 byte-order mark, turns CRLF and lone CR into LF, and
// returns the text unchanged as the markdown. Anything else — binary data, a
// real PDF or DOCX, invalid UTF-8, nothing but whitespace — throws
// ConversionError naming the reason (the contract answers 422).
#include <string>

#include "reference/ports/document_converter.hpp"

namespace rm {

class TextDocumentConverter : public DocumentConverter {
 public:
  std::string to_markdown(const std::string& bytes, const std::string& filename,
                          const std::string& content_type) override;
};

}  // namespace rm
