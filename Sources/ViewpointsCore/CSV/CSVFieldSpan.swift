/// The bytes of one field inside the reader's buffer.
struct CSVFieldSpan {
    /// Offset of the first content byte (after an opening quote).
    var start: Int
    /// Offset just past the last content byte (before a closing quote).
    var end: Int
    /// Whether the content holds doubled quotes that must be undoubled.
    var escaped: Bool
}
