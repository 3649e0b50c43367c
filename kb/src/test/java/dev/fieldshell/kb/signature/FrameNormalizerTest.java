package dev.fieldshell.kb.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrameNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "OvmsConsole::Poll(unsigned int, void*)                      | OvmsConsole::Poll",
        "mg_send                                                     | mg_send",
        "String::buffer() const                                      | String::buffer",
        "std::function<void (std::string, void*)>::operator()(std::string, void*) const | std::function<T>::operator()",
        "Foo::operator()                                             | Foo::operator()",
        "std::_Function_handler<void (int), std::_Bind<void (Foo::*(Foo*, std::_Placeholder<1>))(int)> >::_M_invoke(std::_Any_data const&, int&&) | std::_Function_handler<T>::_M_invoke",
        "void* operator new(unsigned int)                            | operator new",
        "operator delete[](void*)                                    | operator delete[]",
        "std::vector<int, std::allocator<int> >& foo<int>(int)      | foo<T>",
        "operator<<(std::ostream&, Foo const&)                       | operator<<",
        "esp_crt_copy_asn1.constprop.0                               | esp_crt_copy_asn1",
        "mbedtls_ssl_handshake_step.part.3                           | mbedtls_ssl_handshake_step",
        "foo [clone .isra.2]                                         | foo",
        "foo.cold                                                    | foo",
        "(anonymous namespace)::Worker::run(int)                     | (anonymous namespace)::Worker::run",
        "OvmsServerV2::Ticker1(std::string, void*)::{lambda(int)#1}::operator()(int) const | OvmsServerV2::Ticker1::{lambda}::operator()",
        "??                                                          | ''",
        "Foo::operator bool() const                                  | Foo::operator bool",
    })
    void normalizes(String in, String out) {
        assertThat(FrameNormalizer.normalize(in)).isEqualTo(out);
    }
}
