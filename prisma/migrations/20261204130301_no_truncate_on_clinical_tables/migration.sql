-- TRUNCATE skips row triggers, so every clinical table refuses it with a statement trigger of
-- its own (docs/security.md S11 lists which tables are clinical). AuditEvent, DosingOrder, Release,
-- VitalSign, AdverseEvent and SkippedReading already do (prisma/migrations/*record_guarantees,
-- prisma/migrations/20261203120000_honest_times_and_discharge). The app's role has no TRUNCATE
-- privilege at all (prisma/migrations/20261204130302_app_role); these triggers hold against the
-- owner role and scripts too. A TRUNCATE … CASCADE from a parent table fires them as well.

CREATE TRIGGER client_no_truncate BEFORE TRUNCATE ON "Client"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER care_team_member_no_truncate BEFORE TRUNCATE ON "CareTeamMember"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER external_provider_no_truncate BEFORE TRUNCATE ON "ExternalProvider"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER consent_document_no_truncate BEFORE TRUNCATE ON "ConsentDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER consent_signature_no_truncate BEFORE TRUNCATE ON "ConsentSignature"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER consent_withdrawal_no_truncate BEFORE TRUNCATE ON "ConsentWithdrawal"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER form_response_no_truncate BEFORE TRUNCATE ON "FormResponse"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER measure_request_no_truncate BEFORE TRUNCATE ON "MeasureRequest"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER measure_response_no_truncate BEFORE TRUNCATE ON "MeasureResponse"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER safety_flag_no_truncate BEFORE TRUNCATE ON "SafetyFlag"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER screening_no_truncate BEFORE TRUNCATE ON "Screening"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER information_request_no_truncate BEFORE TRUNCATE ON "InformationRequest"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER series_no_truncate BEFORE TRUNCATE ON "Series"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER series_participant_no_truncate BEFORE TRUNCATE ON "SeriesParticipant"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER session_no_truncate BEFORE TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER session_attendance_no_truncate BEFORE TRUNCATE ON "SessionAttendance"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER dosing_record_no_truncate BEFORE TRUNCATE ON "DosingRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER note_no_truncate BEFORE TRUNCATE ON "Note"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER addendum_no_truncate BEFORE TRUNCATE ON "Addendum"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
