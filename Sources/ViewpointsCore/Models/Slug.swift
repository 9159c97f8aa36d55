/// Validation of the names researchers type: study slugs and codebook keys.
public enum Slug {
    /// A study slug: `^[a-z0-9][a-z0-9-]{0,62}$`.
    public static func isValidStudySlug(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, bytes.count <= 63, isLowerAlnum(first) else { return false }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == 0x2D }
    }

    /// A codebook key: `^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)?$` (a theme, or theme.proposition).
    public static func isValidCodeKey(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return false }
        guard let first = parts[0].utf8.first, first >= 0x61, first <= 0x7A else { return false }
        return parts.allSatisfy(isHyphenatedWord)
    }

    /// A valid code key made from `s` (lower case, runs of other characters as one hyphen, at most one dot), or
    /// nil when nothing usable is left or `s` has letters outside ASCII (a look-alike `а` is no typo to fix):
    /// `Relations.Lowest Since 9/11` → `relations.lowest-since-9-11`.
    public static func suggestedCodeKey(_ s: String) -> String? {
        guard !s.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.isAlphabetic }) else { return nil }
        let parts = s.lowercased().split(separator: ".", omittingEmptySubsequences: true).prefix(2).map { part in
            var word = ""
            for scalar in part.unicodeScalars {
                if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    word.unicodeScalars.append(scalar)
                } else if !word.isEmpty, !word.hasSuffix("-") {
                    word += "-"
                }
            }
            return word.hasSuffix("-") ? String(word.dropLast()) : word
        }
        let key = parts.joined(separator: ".")
        return isValidCodeKey(key) && key != s ? key : nil
    }

    static func isHyphenatedWord(_ part: Substring) -> Bool {
        let words = part.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in !word.isEmpty && word.utf8.allSatisfy(isLowerAlnum) }
    }

    static func isLowerAlnum(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) }
}
