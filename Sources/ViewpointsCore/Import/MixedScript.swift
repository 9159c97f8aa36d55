/// Letters from more than one of the scripts with look-alike letters (Latin, Greek, Cyrillic) in one value:
/// `А One` with a Cyrillic А looks like `A One` but is another identifier.
public enum MixedScript {
    /// The scripts whose letters appear in `s`, in the order Latin, Greek, Cyrillic.
    public static func scripts(_ s: String) -> [String] {
        var latin = false
        var greek = false
        var cyrillic = false
        for scalar in s.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: latin = true
            case 0x370...0x3FF, 0x1F00...0x1FFF: greek = true
            case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: cyrillic = true
            default: break
            }
        }
        return [(latin, "Latin"), (greek, "Greek"), (cyrillic, "Cyrillic")].filter(\.0).map(\.1)
    }

    /// Whether `s` mixes letters of two of those scripts.
    public static func isMixed(_ s: String) -> Bool { scripts(s).count > 1 }
}
