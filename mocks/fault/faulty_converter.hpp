#pragma once
// A DocumentConverter decorator that applies the injector's converter rules:
// fail (ConversionError), delay, gate.
#include <memory>

#include "mocks/fault/converter_wrapper.hpp"
#include "mocks/fault/fault_injector.hpp"

namespace rm {

class FaultyConverter : public ConverterWrapper {
 public:
  FaultyConverter(std::shared_ptr<DocumentConverter> inner,
                  std::shared_ptr<FaultInjector> injector);

  std::string to_markdown(const std::string& bytes, const std::string& filename,
                          const std::string& content_type) override;

  FaultInjector& injector() const { return *injector_; }

 private:
  std::shared_ptr<FaultInjector> injector_;
};

}  // namespace rm
