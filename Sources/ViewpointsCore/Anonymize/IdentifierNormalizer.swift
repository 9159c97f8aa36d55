import Foundation

/// Canonical form of a participant identifier, the input of its keyed digest.
public enum IdentifierNormalizer {
    /// Unicode NFC, trimmed, inner whitespace runs collapsed to one space, lowercased without a locale.
    ///
    /// The result is deterministic: the same identifier written with different whitespace, letter case or
    /// Unicode composition (`Zoë` precomposed or as `e` + combining diaeresis) gives the same string.
    public static func normalize(_ s: String) -> String {
        let composed = s.precomposedStringWithCanonicalMapping
        var collapsed = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace {
                collapsed.append(" ")
                pendingSpace = false
            }
            collapsed.append(scalar)
        }
        // Lowercasing can produce decomposed sequences (`İ` → `i` + U+0307), so compose once more.
        return String(collapsed).lowercased().precomposedStringWithCanonicalMapping
    }
}
