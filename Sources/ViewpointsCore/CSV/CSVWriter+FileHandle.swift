#if canImport(Foundation)
    import Foundation

    extension CSVWriter {
        /// Writes to an open `FileHandle`, which the caller keeps owning and closes.
        public init(fileHandle: FileHandle, lineEnding: CSVLineEnding = .lf, bom: Bool = false) {
            self.init(fileDescriptor: fileHandle.fileDescriptor, lineEnding: lineEnding, bom: bom)
        }
    }
#endif
