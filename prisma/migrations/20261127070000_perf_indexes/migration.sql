-- Indexes for the lookups the busiest pages make once a practice has history
-- (found with EXPLAIN ANALYZE on a practice of 3000 clients with 24000 sessions).

-- Caseload "records to sign" and "events to review", a client's dosing records:
-- looked up by client, which otherwise scans every dosing record of the database.
CREATE INDEX "DosingRecord_clientId_status_idx" ON "DosingRecord"("clientId", "status");

-- Adverse events of a record (caseload, live dosing, the dosing record page).
CREATE INDEX "AdverseEvent_dosingRecordId_idx" ON "AdverseEvent"("dosingRecordId");

-- The calendar asks for sessions that end after the start of the range it shows;
-- without this index it walks every past session of the practice.
CREATE INDEX "Session_endsAt_idx" ON "Session"("endsAt");

-- Open questions of a screening (a client's page, the screening review).
CREATE INDEX "InformationRequest_screeningId_idx" ON "InformationRequest"("screeningId");
