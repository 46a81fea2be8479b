package swarmsync.index;

import swarmsync.record.FileRecord;

/** A file record together with the number of the device that holds it (0 = this device). */
public record DeviceRecord(int device, FileRecord record) {}
