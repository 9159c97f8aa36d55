import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsStore

/// Writes a line to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs a library call; prints its error as `viewpoints: error: …` and exits with its sysexits status.
func report<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        warn("viewpoints: error: \(error.text)")
        if error.kind == .permission, let who = DatabaseOptions.opened?.accessSummary() {
            let needs =
                error.sqlState == nil ? "" : "; refused by PostgreSQL: this needs a lead of the study or an owner"
            warn("viewpoints: \(who)\(needs)")
        }
        throw ExitCode(error.exitCode)
    } catch let error as ImportFailure {
        warn(error.text)
        throw ExitCode(65)
    } catch let error as CSVError {
        switch error.kind {
        case .cannotOpen:
            warn("viewpoints: error: \(error)")
            throw ExitCode(66)
        case .cannotWrite:
            warn("viewpoints: error: \(error)")
            throw ExitCode(73)
        default:
            warn("viewpoints: error: \(error)\nnothing was imported: fix the file and run the import again")
            throw ExitCode(65)
        }
    }
}
