#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX file descriptor that is closed when no longer used, if owned. Core never opens one: the executable
/// (through ViewpointsFiles) does and hands it over as an `InputFile` or `OutputFile`.
final class CSVFileDescriptor {
    /// The raw descriptor, or -1 once closed.
    private(set) var raw: Int32
    /// Whether this object closes the descriptor.
    let owned: Bool
    /// Where the next read starts, for a reader with a place of its own in a regular file (`pread`: two readers of
    /// one file do not move each other); nil reads from the descriptor's shared position (a pipe).
    private var offset: Int?

    init(raw: Int32, owned: Bool, offset: Int? = nil) {
        self.raw = raw
        self.owned = owned
        self.offset = offset
    }

    deinit {
        close()
    }

    /// Reads up to `count` bytes; returns the number read (0 at end of file).
    func read(into pointer: UnsafeMutablePointer<UInt8>, count: Int) -> Result<Int, CSVErrorText> {
        while true {
            let n: Int
            if let offset {
                n = pread(raw, pointer, count, off_t(offset))
                if n > 0 { self.offset = offset + n }
            } else {
                #if canImport(Darwin)
                    n = Darwin.read(raw, pointer, count)
                #elseif canImport(Glibc)
                    n = Glibc.read(raw, pointer, count)
                #else
                    n = Musl.read(raw, pointer, count)
                #endif
            }
            if n >= 0 { return .success(n) }
            if errno == EINTR { continue }
            return .failure(CSVErrorText.current())
        }
    }

    /// Writes all bytes, retrying on partial writes and interruptions.
    func writeAll(_ bytes: UnsafeRawBufferPointer) -> Result<Void, CSVErrorText> {
        guard var pointer = bytes.baseAddress else { return .success(()) }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Darwin)
                let n = Darwin.write(raw, pointer, remaining)
            #elseif canImport(Glibc)
                let n = Glibc.write(raw, pointer, remaining)
            #else
                let n = Musl.write(raw, pointer, remaining)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(CSVErrorText.current())
            }
            remaining -= n
            pointer += n
        }
        return .success(())
    }

    /// Closes the descriptor if owned; returns the error text if closing failed.
    @discardableResult
    func close() -> CSVErrorText? {
        guard owned, raw >= 0 else { return nil }
        #if canImport(Darwin)
            let result = Darwin.close(raw)
        #elseif canImport(Glibc)
            let result = Glibc.close(raw)
        #else
            let result = Musl.close(raw)
        #endif
        raw = -1
        return result == 0 ? nil : CSVErrorText.current()
    }
}
