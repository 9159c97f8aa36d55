extension ReliabilityData {
    /// Collects long-format values one at a time (as a CSV reader produces them) and builds the data.
    public struct Builder: Sendable {
        private var unitLabels: LabelInterner
        private var coderLabels = LabelInterner()
        private var categoryLabels = LabelInterner()
        /// A unit where each category was first seen, to name it in errors.
        private var categoryFirstUnit: [Int32] = []
        private var rowUnits: [Int32] = []
        private var rowCoders: [Int32] = []
        private var rowCategories: [Int32] = []
        private var lastUnitIndex: Int32 = -1

        /// Creates an empty builder, reserving room for `minimumCapacity` values.
        public init(minimumCapacity: Int = 0) {
            unitLabels = LabelInterner(minimumCapacity: minimumCapacity / 2)
            rowUnits.reserveCapacity(minimumCapacity)
            rowCoders.reserveCapacity(minimumCapacity)
            rowCategories.reserveCapacity(minimumCapacity)
        }

        /// True until a value is added.
        public var isEmpty: Bool { rowUnits.isEmpty }

        /// Adds the value one coder gave one unit.
        public mutating func add(unit: String, coder: String, value: String) {
            var unit = unit
            var coder = coder
            var value = value
            unit.withUTF8 { unit in
                coder.withUTF8 { coder in
                    value.withUTF8 { value in add(unitBytes: unit, coderBytes: coder, valueBytes: value) }
                }
            }
        }

        /// Adds the value one coder gave one unit, each given by its UTF-8 bytes (as a CSV reader holds them).
        mutating func add(
            unitBytes unit: UnsafeBufferPointer<UInt8>, coderBytes coder: UnsafeBufferPointer<UInt8>,
            valueBytes value: UnsafeBufferPointer<UInt8>
        ) {
            let unitNumber: Int32
            if lastUnitIndex >= 0 && unitLabels.equals(Int(lastUnitIndex), unit) {
                unitNumber = lastUnitIndex
            } else {
                unitNumber = unitLabels.intern(bytes: unit)
                lastUnitIndex = unitNumber
            }
            let coderNumber = coderLabels.intern(bytes: coder)
            let categoryCount = categoryLabels.count
            let categoryNumber = categoryLabels.intern(bytes: value)
            if categoryLabels.count > categoryCount {
                categoryFirstUnit.append(unitNumber)
            }
            rowUnits.append(unitNumber)
            rowCoders.append(coderNumber)
            rowCategories.append(categoryNumber)
        }

        /// Builds the data: groups values by unit, rejects duplicates and, unless nominal, non-numbers.
        public func build(level: MeasurementLevel = .nominal) throws(ReliabilityDataError) -> ReliabilityData {
            var numbers: [Double]? = []
            numbers?.reserveCapacity(categoryLabels.count)
            var firstNonNumeric: NonNumericValue?
            for (category, label) in categoryLabels.labels.enumerated() {
                if let number = ReliabilityData.number(label) {
                    numbers?.append(number)
                } else {
                    numbers = nil
                    let unit = unitLabels.label(Int(categoryFirstUnit[category]))
                    firstNonNumeric = NonNumericValue(unit: unit, value: label)
                    if level != .nominal {
                        throw .notANumber(unit: unit, value: label)
                    }
                    break
                }
            }
            let unitCount = unitLabels.count
            let rowCount = rowUnits.count
            var offsets = [Int](repeating: 0, count: unitCount + 1)
            for unit in rowUnits {
                offsets[Int(unit) + 1] += 1
            }
            for unit in 0..<unitCount {
                offsets[unit + 1] += offsets[unit]
            }
            var cursor = Array(offsets.dropLast())
            var coders = [Int32](repeating: 0, count: rowCount)
            var categories = [Int32](repeating: 0, count: rowCount)
            for row in 0..<rowCount {
                let unit = Int(rowUnits[row])
                let slot = cursor[unit]
                cursor[unit] = slot + 1
                coders[slot] = rowCoders[row]
                categories[slot] = rowCategories[row]
            }
            var lastUnitOfCoder = [Int](repeating: -1, count: coderLabels.count)
            for unit in 0..<unitCount {
                for slot in offsets[unit]..<offsets[unit + 1] {
                    let coder = Int(coders[slot])
                    if lastUnitOfCoder[coder] == unit {
                        throw .duplicateValue(unit: unitLabels.label(unit), coder: coderLabels.label(coder))
                    }
                    lastUnitOfCoder[coder] = unit
                }
            }
            return ReliabilityData(
                units: unitLabels.labels, coders: coderLabels.labels, categories: categoryLabels.labels,
                categoryNumbers: numbers,
                firstNonNumeric: firstNonNumeric, unitOffsets: offsets, valueCoders: coders,
                valueCategories: categories
            )
        }
    }
}
