/// Escaping for the XML Viewpoints writes.
enum XMLText {
    /// `text` as element content: `&`, `<`, `>` escaped, characters XML 1.0 forbids replaced by U+FFFD.
    static func content(_ text: String) -> String { escape(text, attribute: false) }

    /// `text` as a double-quoted attribute value: also `"`, and tab, line feed and carriage return as character
    /// references so that they survive attribute-value normalisation.
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    static func escape(_ text: String, attribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out.append(contentsOf: "&amp;".unicodeScalars)
            case 0x3C: out.append(contentsOf: "&lt;".unicodeScalars)
            case 0x3E: out.append(contentsOf: "&gt;".unicodeScalars)
            case 0x22 where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case 0x09 where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case 0x0A where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case 0x0D: out.append(contentsOf: "&#13;".unicodeScalars)
            case 0x09, 0x0A: out.append(scalar)
            case 0x00...0x1F, 0xFFFE, 0xFFFF: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
