-- AlterTable
ALTER TABLE "NotesImport" ADD COLUMN     "content" TEXT NOT NULL DEFAULT '';
