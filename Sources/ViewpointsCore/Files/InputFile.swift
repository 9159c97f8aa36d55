#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for reading by the caller (the executable, through ViewpointsFiles), with the name errors give
/// it (`FILE:LINE:COLUMN`). Core reads it and never opens one; the descriptor is closed when this is released.
///
/// Each reader of a regular file reads it from the start at a place of its own, so two passes (or two readers at
/// once) do not disturb each other; a pipe can be read once.
public final class InputFile: OpenFile, @unchecked Sendable {
    /// The file's size in bytes, or 0 when it has none (a pipe).
    public var size: Int {
        var info = stat()
        guard fstat(descriptor.raw, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(info.st_size)
    }

    /// The descriptor for one reader, from the start of the file, that does not close it.
    func fromStart() -> CSVFileDescriptor {
        var info = stat()
        let regular = fstat(descriptor.raw, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        return CSVFileDescriptor(raw: descriptor.raw, owned: false, offset: regular ? 0 : nil)
    }

    /// Every byte of the file.
    public func readAll() throws(CSVError) -> [UInt8] {
        let source = fromStart()
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let result = chunk.withUnsafeMutableBufferPointer { source.read(into: $0.baseAddress!, count: $0.count) }
            switch result {
            case .success(0): return bytes
            case .success(let n): bytes.append(contentsOf: chunk[0..<n])
            case .failure(let error): throw CSVError(kind: .cannotRead(error.text), file: name, line: 0, column: 0)
            }
        }
    }
}

/// A file created or truncated for writing by the caller, with the name errors give it. `CSVWriter.finish()`
/// closes it (reporting a failed close); otherwise it is closed when released.
public final class OutputFile: OpenFile, @unchecked Sendable {}

/// What `InputFile` and `OutputFile` share: a descriptor the caller opened, owned from now on, and the name every
/// message gives the file.
public class OpenFile: @unchecked Sendable {
    /// The path as the user gave it, used in every message about the file.
    public let name: String
    let descriptor: CSVFileDescriptor

    /// Takes ownership of an open descriptor (readable for an `InputFile`, writable for an `OutputFile`).
    public init(descriptor: Int32, name: String) {
        self.descriptor = CSVFileDescriptor(raw: descriptor, owned: true)
        self.name = name
    }
}
