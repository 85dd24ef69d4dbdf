-- The owner explicitly allowed this camera's address although it is outside the local network (camera add/set
-- --allow-internet-address). Off by default: Doorstep only connects to LAN addresses.
ALTER TABLE camera ADD COLUMN allow_internet BOOLEAN DEFAULT FALSE NOT NULL;
