import { redirect } from "next/navigation";

// The dashboard lists the banks; this path exists for the header link.
export default function BanksPage() {
  redirect("/dashboard#banks-heading");
}
