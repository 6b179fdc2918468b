from sitreps.interfaces.cli import main

main()
