import ArgumentParser
import ViewpointsCore

/// `--mode OCTAL`: permissions of a written export, tally or backup (default 600, owner only).
struct FileModeOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Permissions of the written file, in octal (default 600: only you can read it; 640 adds your group).",
            valueName: "octal"))
    var mode = FileMode(value: CSVWriter.privateMode)
}

/// File permission bits given in octal on the command line.
struct FileMode: ExpressibleByArgument {
    var value: UInt32

    init(value: UInt32) { self.value = value }

    init?(argument: String) {
        guard let value = UInt32(argument, radix: 8), value <= 0o777 else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { String(value, radix: 8) }
}
