-- Every device's record of one path, and remote paths in order, without scanning the folder.
CREATE INDEX files_by_path ON files (folder_id, path);
