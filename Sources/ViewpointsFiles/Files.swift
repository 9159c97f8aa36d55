import ViewpointsCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where files are opened: the executable (and the tests, as a user would) opens a path here and hands the open
/// file to Core and Store, which read and write what they are given and never open a path themselves.
extension InputFile {
    /// Opens `path` for reading; an error names the path and the system's reason (exit status 66 in `report`).
    public static func open(path: String) throws(CSVError) -> InputFile {
        let descriptor = systemOpen(path, O_RDONLY | O_CLOEXEC, 0)
        guard descriptor >= 0 else {
            throw CSVError(kind: .cannotOpen(systemError()), file: path, line: 0, column: 0)
        }
        return InputFile(descriptor: descriptor, name: path)
    }

    /// Opens `path` if given.
    public static func open(ifGiven path: String?) throws(CSVError) -> InputFile? {
        guard let path else { return nil }
        return try open(path: path)
    }
}

extension OutputFile {
    /// Creates or truncates `path` with permissions `mode` (also when it existed; a FIFO or device such as
    /// `/dev/stdout` keeps its own); an error is `cannotOpen` with the system's reason.
    public static func create(path: String, mode: UInt32 = CSVWriter.privateMode) throws(CSVError) -> OutputFile {
        let descriptor = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else {
            throw CSVError(kind: .cannotOpen(systemError()), file: path, line: 0, column: 0)
        }
        let file = OutputFile(descriptor: descriptor, name: path)
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, fchmod(descriptor, mode_t(mode)) != 0 {
            throw CSVError(kind: .cannotOpen(systemError()), file: path, line: 0, column: 0)
        }
        return file
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Darwin)
        Darwin.open(path, flags, mode)
    #elseif canImport(Glibc)
        Glibc.open(path, flags, mode)
    #else
        Musl.open(path, flags, mode)
    #endif
}

private func systemError() -> String {
    String(cString: strerror(errno))
}
