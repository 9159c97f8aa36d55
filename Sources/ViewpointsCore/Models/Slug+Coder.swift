extension Slug {
    /// A coder's name: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, at most 64 characters (as the `coders` table checks).
    public static func isValidCoderName(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard let first = bytes.first, bytes.count <= 64, isAlnum(first) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    static func isAlnum(_ b: UInt8) -> Bool { isLowerAlnum(b) || (b >= 0x41 && b <= 0x5A) }
}
