-- Database-level guarantees for clinical records (DESIGN.md rule 5, SECURITY.md S8, R1, R3).
-- Errors raised here carry the prefix "kapstone:" so the app can tell them apart.

-- Refuses the operation outright. TG_ARGV[0] says why.
CREATE FUNCTION kapstone_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'kapstone: % on "%" is not allowed: %', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
    USING ERRCODE = 'integrity_constraint_violation';
END
$$;

-- Refuses UPDATE/DELETE once the row's TG_ARGV[0] column is set (signedAt, submittedAt, ...).
CREATE FUNCTION kapstone_refuse_when_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(OLD) ->> TG_ARGV[0]) IS NOT NULL THEN
    RAISE EXCEPTION 'kapstone: % on "%" is not allowed: the record is fixed (% is set)',
      TG_OP, TG_TABLE_NAME, TG_ARGV[0]
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

-- Refuses any change to vitals and adverse events of a dosing record that is signed.
CREATE FUNCTION kapstone_refuse_when_dosing_record_signed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  record_id text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    record_id := OLD."dosingRecordId";
  ELSE
    record_id := NEW."dosingRecordId";
  END IF;
  IF EXISTS (SELECT 1 FROM "DosingRecord" WHERE id = record_id AND "signedAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'kapstone: % on "%" is not allowed: the dosing record is signed',
      TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;

-- The audit trail is append-only.
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('the audit trail is append-only');
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('the audit trail is append-only');

-- Signatures, scored measures and addenda never change.
CREATE TRIGGER consent_signature_fixed BEFORE UPDATE OR DELETE ON "ConsentSignature"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('a signed consent is fixed');
CREATE TRIGGER measure_response_fixed BEFORE UPDATE OR DELETE ON "MeasureResponse"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('a scored measure is fixed');
CREATE TRIGGER addendum_fixed BEFORE UPDATE OR DELETE ON "Addendum"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('an addendum is fixed');

-- Signed or submitted records are fixed.
CREATE TRIGGER screening_fixed_when_signed BEFORE UPDATE ON "Screening"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_set('signedAt');
CREATE TRIGGER note_fixed_when_signed BEFORE UPDATE ON "Note"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_set('signedAt');
CREATE TRIGGER dosing_record_fixed_when_signed BEFORE UPDATE ON "DosingRecord"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_set('signedAt');
CREATE TRIGGER form_response_fixed_when_submitted BEFORE UPDATE ON "FormResponse"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_set('submittedAt');
CREATE TRIGGER vital_sign_fixed_when_signed BEFORE INSERT OR UPDATE OR DELETE ON "VitalSign"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_dosing_record_signed();
CREATE TRIGGER adverse_event_fixed_when_signed BEFORE INSERT OR UPDATE OR DELETE ON "AdverseEvent"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_dosing_record_signed();

-- Clinical records are never hard-deleted: soft delete (deletedAt, deletedById, deleteReason).
CREATE TRIGGER client_no_hard_delete BEFORE DELETE ON "Client"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are soft-deleted');
CREATE TRIGGER series_no_hard_delete BEFORE DELETE ON "Series"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are soft-deleted');
CREATE TRIGGER session_no_hard_delete BEFORE DELETE ON "Session"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are soft-deleted');
CREATE TRIGGER note_no_hard_delete BEFORE DELETE ON "Note"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are soft-deleted');
CREATE TRIGGER screening_no_hard_delete BEFORE DELETE ON "Screening"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER form_response_no_hard_delete BEFORE DELETE ON "FormResponse"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER dosing_order_no_hard_delete BEFORE DELETE ON "DosingOrder"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('orders are revoked, never deleted');
CREATE TRIGGER dosing_record_no_hard_delete BEFORE DELETE ON "DosingRecord"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER safety_flag_no_hard_delete BEFORE DELETE ON "SafetyFlag"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('safety flags are reviewed, never deleted');
CREATE TRIGGER release_no_hard_delete BEFORE DELETE ON "Release"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('releases are revoked, never deleted');

-- Sanity checks the app also makes.
ALTER TABLE "Session" ADD CONSTRAINT session_ends_after_start CHECK ("endsAt" > "startsAt");
ALTER TABLE "Client" ADD CONSTRAINT client_state_code CHECK ("state" ~ '^[A-Z]{2}$');
