# Lists the running notebook instances, over every page (--limit and --offset: one page).
notebook-image notebook list --status RUNNING --region cn-north-4
