from inventory_core.cli import main

raise SystemExit(main())
