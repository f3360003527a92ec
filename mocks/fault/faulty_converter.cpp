#include "mocks/fault/faulty_converter.hpp"

namespace rm {

FaultyConverter::FaultyConverter(std::shared_ptr<DocumentConverter> inner,
                                 std::shared_ptr<FaultInjector> injector)
    : ConverterWrapper(std::move(inner)), injector_(std::move(injector)) {}

std::string FaultyConverter::to_markdown(const std::string& bytes, const std::string& filename,
                                         const std::string& content_type) {
  auto action = injector_->on_call(FaultComponent::kConverter, "to_markdown",
                                   {{"filename", filename}, {"content_type", content_type}});
  if (action && action->kind == FaultActionKind::kFail) {
    throw ConversionError(action->message.empty() ? "injected conversion failure for " + filename
                                                  : action->message);
  }
  return ConverterWrapper::to_markdown(bytes, filename, content_type);
}

}  // namespace rm
