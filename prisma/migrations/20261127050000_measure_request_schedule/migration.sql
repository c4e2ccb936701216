-- Measures requested over a series: which planned point each request stands for, and when it opens.
ALTER TABLE "MeasureRequest" ADD COLUMN "key" TEXT;
ALTER TABLE "MeasureRequest" ADD COLUMN "opensAt" TIMESTAMPTZ(3);
CREATE UNIQUE INDEX "MeasureRequest_clientId_key_key" ON "MeasureRequest"("clientId", "key");
CREATE INDEX "MeasureRequest_seriesId_idx" ON "MeasureRequest"("seriesId");
