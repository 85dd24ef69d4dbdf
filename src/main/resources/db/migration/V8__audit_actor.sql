-- Who did what the audit log notes: the face that did it ("window", "command line: doorstep export"), so that the
-- log can say which way footage was viewed, exported or erased.
ALTER TABLE audit_log ADD COLUMN actor VARCHAR(100);
