#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The system's text for an `errno` value.
struct CSVErrorText: Error {
    var text: String

    /// The text for the current `errno`.
    static func current() -> CSVErrorText {
        CSVErrorText(text: String(cString: strerror(errno)))
    }
}
