/// Escaping and wrapping for the report's HTML, SVG and Markdown.
enum Markup {
    /// Text safe inside HTML/SVG elements and double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Text safe in a Markdown paragraph or table cell: characters Markdown would read as markup are escaped.
    static func markdown(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { out.append("\\") }
            if character == "\n" || character == "\r" {
                out.append(" ")
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `text` in at most `lines` lines of about `width` characters, broken at spaces; the last line ends
    /// with "…" when text is left over.
    static func wrap(_ text: String, width: Int, lines: Int) -> [String] {
        var result: [String] = []
        var current = ""
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        for (index, word) in words.enumerated() {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= width || current.isEmpty {
                current = candidate
                continue
            }
            result.append(current)
            current = String(word)
            if result.count == lines {
                let rest = words[index...].joined(separator: " ")
                result[lines - 1] = String(result[lines - 1].prefix(width - 1)) + (rest.isEmpty ? "" : "…")
                return result
            }
        }
        if !current.isEmpty { result.append(current) }
        if result.count > lines {
            result = Array(result.prefix(lines))
            result[lines - 1] += "…"
        }
        return result
    }
}
