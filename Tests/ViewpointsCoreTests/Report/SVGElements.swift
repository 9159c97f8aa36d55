import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The elements of an SVG document, parsed with XMLParser: name, attributes, text and the enclosing `g`'s
/// `data-code`, in document order.
struct SVGElements {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var barCode: String?

        func number(_ key: String) -> Double? { attributes[key].flatMap(Double.init) }
    }

    var elements: [Element] = []

    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(description: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")")
        }
        elements = delegate.elements
    }

    struct ParseFailure: Error, CustomStringConvertible { var description: String }

    /// Every inline `<svg …>…</svg>` of an HTML document.
    static func inline(in html: String) -> [String] {
        var result: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            result.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        var codes: [String?] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let code = name == "g" ? attributes["data-code"] : nil
            codes.append(code ?? codes.last ?? nil)
            elements.append(Element(name: name, attributes: attributes, text: "", barCode: codes.last ?? nil))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
            codes.removeLast()
        }
    }
}
