import ArgumentParser
import Foundation
import ViewpointsCore

/// Writes a rendered report: the first file to `--out` (or standard output), the others beside it.
enum ReportFiles {
    static func write(_ files: [FindingsReport.File], to out: String?, mode: Int) throws {
        guard let main = files.first else { return }
        guard let out, out != "-" else {
            print(main.contents, terminator: "")
            return
        }
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        try write(main.contents, to: out, mode: mode)
        for file in files.dropFirst() {
            try write(file.contents, to: folder.appendingPathComponent(file.name).path, mode: mode)
        }
    }

    /// Creates or replaces `path` with `mode`, exiting 73 when it cannot be written.
    static func write(_ text: String, to path: String, mode: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(mode))
        guard descriptor >= 0 else {
            warn("viewpoints: error: cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(73)
        }
        defer { close(descriptor) }
        // an existing file keeps its mode through open(O_TRUNC): set it
        guard fchmod(descriptor, mode_t(mode)) == 0 else {
            warn("viewpoints: error: cannot set the mode of \(path): \(String(cString: strerror(errno)))")
            throw ExitCode(73)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            warn("viewpoints: error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(73)
        }
    }
}
