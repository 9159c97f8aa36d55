@testable import ViewpointsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shared helpers for the CSV tests.
enum CSVTestSupport {
    /// Reads all records of in-memory CSV.
    static func records(
        _ bytes: [UInt8], chunkSize: Int = CSVReaderEngine.defaultChunkSize
    ) throws(CSVError) -> [CSVRecord] {
        var reader = CSVReader(bytes: bytes, chunkSize: chunkSize)
        return try reader.readAll()
    }

    /// Reads all field values of in-memory CSV.
    static func fields(_ text: String, chunkSize: Int = CSVReaderEngine.defaultChunkSize) throws -> [[String]] {
        try records(Array(text.utf8), chunkSize: chunkSize).map(\.fields)
    }

    /// The error message reading the bytes produces, or nil if they read fine.
    static func errorMessage(_ bytes: [UInt8], chunkSize: Int = CSVReaderEngine.defaultChunkSize) -> String? {
        do {
            _ = try records(bytes, chunkSize: chunkSize)
            return nil
        } catch {
            return error.description
        }
    }

    /// A fresh file path inside the package's `.build` folder.
    static func temporaryPath(_ name: String) -> String {
        var root = "\(#filePath)"
        for _ in 0..<4 {
            if let slash = root.lastIndex(of: "/") { root = String(root[..<slash]) }
        }
        let folder = root + "/.build/csv-tests"
        mkdir(root + "/.build", 0o755)
        mkdir(folder, 0o755)
        return folder + "/\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).csv"
    }

    /// Writes bytes to a file, replacing it.
    static func writeFile(_ path: String, _ bytes: [UInt8]) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0, "cannot create \(path)")
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                precondition(n > 0, "cannot write \(path)")
                offset += n
            }
        }
        close(fd)
    }

    /// Reads a whole file.
    static func readFile(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        precondition(fd >= 0, "cannot open \(path)")
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            result.append(contentsOf: chunk[0..<n])
        }
        return result
    }

    /// Deletes a file.
    static func remove(_ path: String) {
        unlink(path)
    }

    /// Whether an environment variable is set to a non-empty value.
    static func environmentFlag(_ name: String) -> Bool {
        guard let value = getenv(name) else { return false }
        return value.pointee != 0
    }
}

/// A small deterministic random generator (SplitMix64) so failures can be replayed.
struct CSVSplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
